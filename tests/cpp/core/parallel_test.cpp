#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/parallel.hpp"

using lv::forRowHalves;

namespace {

// The [begin, end) ranges one forRowHalves call handed to its body, and the threads that ran them.
struct Calls {
  std::mutex mutex;
  std::vector<std::pair<int, int>> ranges;
  std::vector<std::thread::id> threads;
  void add(int begin, int end) {
    std::lock_guard<std::mutex> lock(mutex);
    ranges.emplace_back(begin, end);
    threads.push_back(std::this_thread::get_id());
  }
};

}  // namespace

TEST_CASE("forRowHalves runs every row exactly once and returns after all of them") {
  std::vector<std::atomic<int>> hits(1001);
  Calls calls;
  forRowHalves(1001, 64, [&](int begin, int end) {
    calls.add(begin, end);
    for (int r = begin; r < end; ++r) hits[r]++;
  });
  for (const auto& h : hits) REQUIRE(h == 1);
#ifdef LV_THREADS
  std::sort(calls.ranges.begin(), calls.ranges.end());  // the halves may end in either order
  CHECK(calls.ranges == std::vector<std::pair<int, int>>{{0, 500}, {500, 1001}});
#else
  CHECK(calls.ranges == std::vector<std::pair<int, int>>{{0, 1001}});
#endif
}

TEST_CASE("forRowHalves below minCount: one call, on the caller's thread") {
  Calls calls;
  forRowHalves(63, 64, [&](int begin, int end) { calls.add(begin, end); });
  CHECK(calls.ranges == std::vector<std::pair<int, int>>{{0, 63}});
  CHECK(calls.threads.front() == std::this_thread::get_id());
  forRowHalves(0, 0, [&](int, int) { FAIL("no rows, no call"); });
}

#ifdef LV_THREADS
TEST_CASE("forRowHalves hands the upper half to a second thread while the caller runs the lower one") {
  // The lower half waits (up to 10 s) until the upper one has started: it can
  // only start on another thread, since the caller is still in the lower half.
  std::atomic<bool> upperStarted{false};
  Calls calls;
  forRowHalves(100, 64, [&](int begin, int end) {
    calls.add(begin, end);
    if (begin != 0) {
      upperStarted = true;
      return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!upperStarted && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  });
  CHECK(upperStarted);
  REQUIRE(calls.ranges.size() == 2);
  const std::size_t lower = calls.ranges[0].first == 0 ? 0 : 1;  // either half may log first
  CHECK(calls.ranges[lower] == std::pair{0, 50});
  CHECK(calls.threads[lower] == std::this_thread::get_id());
  CHECK(calls.ranges[1 - lower] == std::pair{50, 100});
  CHECK(calls.threads[1 - lower] != std::this_thread::get_id());
}

TEST_CASE("forRowHalves from two threads at once: each call gets all its rows") {
  std::vector<std::atomic<int>> a(500), b(500);
  const auto fill = [](std::vector<std::atomic<int>>& hits) {
    for (int round = 0; round < 50; ++round)
      forRowHalves(500, 64, [&](int begin, int end) {
        for (int r = begin; r < end; ++r) hits[r]++;
      });
  };
  std::thread other([&] { fill(b); });
  fill(a);
  other.join();
  for (std::size_t r = 0; r < a.size(); ++r) REQUIRE((a[r] == 50 && b[r] == 50));
}
#endif

TEST_CASE("forRowHalves inside forRowHalves: each inner call runs its rows alone, on either thread") {
  std::vector<std::atomic<int>> hits(200 * 100);
  Calls inner;
  forRowHalves(200, 64, [&](int begin, int end) {
    for (int r = begin; r < end; ++r)
      forRowHalves(100, 64, [&](int b, int e) {
        inner.add(b, e);
        for (int c = b; c < e; ++c) hits[r * 100 + c]++;
      });
  });
  for (const auto& h : hits) REQUIRE(h == 1);
  CHECK(inner.ranges == std::vector<std::pair<int, int>>(200, {0, 100}));
}

TEST_CASE("forRowHalves rethrows what either half threw, after both are done") {
  for (const int failing : {0, 400}) {
    std::atomic<int> rows{0};
    CHECK_THROWS_AS(forRowHalves(800, 64,
                                 [&](int begin, int end) {
                                   if (begin <= failing && failing < end) {
                                     rows += end - begin;
                                     throw lv::AnalysisError(lv::ErrorCode::InternalError, "a half failed");
                                   }
                                   std::this_thread::sleep_for(std::chrono::milliseconds(20));
                                   rows += end - begin;
                                 }),
                    lv::AnalysisError);
    CHECK(rows == 800);
  }
}

TEST_CASE("forRowHalves rethrows the lower half's error when both halves threw") {
  // With threads, each half waits (up to 1 s) for the other to start, so
  // both really throw. Without, the one call covers row 0 and throws "lower".
  std::atomic<int> started{0};
  const auto body = [&](int begin, int) {
    ++started;
#ifdef LV_THREADS
    for (int i = 0; i < 1000 && started < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
#endif
    throw lv::AnalysisError(lv::ErrorCode::InternalError, begin == 0 ? "lower" : "upper");
  };
  CHECK_THROWS_WITH(forRowHalves(800, 64, body), "lower");
}
