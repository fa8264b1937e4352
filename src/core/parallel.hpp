#pragma once
// Row-parallel loops for the threaded builds (LV_THREADS: wasm with -pthread,
// native): the caller and one helper thread each take half of the rows.
#include <functional>

namespace lv {

/// The `minCount` for image rows a few hundred pixels wide: below it,
/// handing a half to the helper costs about what it saves (bench/core.mjs).
inline constexpr int kRowsWorthSplitting = 64;

/// Runs `body(begin, end)` over the rows [0, count), split into two halves
/// when `count` >= `minCount` and the build has threads: the helper thread
/// takes the upper half if it is free and picks it up before the caller ends
/// its own; otherwise the caller runs it too. So the call never waits for a
/// thread that has not started (a browser's pool worker starts only when the
/// event loop turns), and its result is the serial one as long as `body`
/// writes only its own rows. Returns when both halves are done; rethrows what
/// `body` threw. In builds without threads, `body(0, count)`.
void forRowHalves(int count, int minCount, const std::function<void(int begin, int end)>& body);

}  // namespace lv
