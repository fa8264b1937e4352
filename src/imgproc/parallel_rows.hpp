#pragma once
// Splits a loop over image rows into contiguous slices run on several
// threads in the threaded builds (LV_THREADS: native, wasm -pthread), on the
// calling thread otherwise. Each row's result must not depend on the split:
// the output is then bit-identical whatever the thread count.
#include <algorithm>
#include <cstddef>

#ifdef LV_THREADS
#include <system_error>
#include <thread>
#include <vector>
#endif

namespace lv {

// At most this many threads work on one loop. The threaded wasm build
// starts min(4, cores) - 1 pool workers up front (CMakeLists.txt): the
// calling thread plus those, never more, since a worker created on demand
// cannot start while the caller waits for it.
constexpr unsigned kMaxRowThreads = 4;

// Calls body(firstRow, endRow) for slices covering [0, rows), each of at
// least minRowsPerThread rows. `body` must not throw. rows <= 0: no call.
template <class Body>
void parallelRows(int rows, int minRowsPerThread, const Body& body) {
  if (rows <= 0) return;
#ifdef LV_THREADS
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int bySize = rows / std::max(1, minRowsPerThread);
  const int threads = std::max(1, std::min({static_cast<int>(std::min(cores, kMaxRowThreads)), bySize}));
  if (threads > 1) {
    std::vector<std::thread> helpers;
    helpers.reserve(static_cast<std::size_t>(threads - 1));
    const auto sliceStart = [&](int t) { return static_cast<int>(static_cast<long long>(rows) * t / threads); };
    try {
      for (int t = 1; t < threads; ++t)
        helpers.emplace_back([&body, begin = sliceStart(t), end = sliceStart(t + 1)] { body(begin, end); });
    } catch (const std::system_error&) {
      // No thread to be had: the slices not started run here.
    }
    body(0, sliceStart(1));
    for (int t = 1 + static_cast<int>(helpers.size()); t < threads; ++t) body(sliceStart(t), sliceStart(t + 1));
    for (auto& helper : helpers) helper.join();
    return;
  }
#endif
  body(0, rows);
}

}  // namespace lv
