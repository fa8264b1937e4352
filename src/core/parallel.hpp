#pragma once
// Row-parallel loops for the threaded builds (LV_THREADS: wasm with -pthread,
// native): the caller and one helper thread each take half of the rows.
#include <functional>

namespace lv {

/// The `minCount` for image rows a few hundred pixels wide: below it,
/// handing a half to the helper costs about what it saves (bench/core.mjs).
inline constexpr int kRowsWorthSplitting = 64;

/// Runs `body(begin, end)` over the rows [0, count), split at count / 2 into
/// [0, count / 2) and [count / 2, count) when `count` >= `minCount` (and >= 2)
/// and the build has threads (LV_THREADS). The caller runs the lower half; a
/// helper thread takes the upper one if it is free and picks it up before the
/// caller ends its own, otherwise the caller runs it too. So the call never
/// waits for a thread that has not started (a browser's pool worker starts
/// only when the event loop turns).
/// - The two halves may run at the same time: `body` must write only its own
///   rows, and everything it reads must be safe to read from two threads. Then
///   the result is the serial one, byte for byte.
/// - A call made while the helper is taken (from another thread, or from
///   inside a `body`) runs its rows alone: body(0, count) on its own thread.
/// - Returns when both halves are done, then rethrows what `body` threw (the
///   lower half's exception when both threw).
/// - A WebAssembly trap (not a C++ exception) in the helper's half leaves the
///   caller waiting for ever; a trap is a bug in `body` either way.
/// Builds without threads call body(0, count).
void forRowHalves(int count, int minCount, const std::function<void(int begin, int end)>& body);

}  // namespace lv
