#include <catch2/catch.hpp>

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
  CHECK(calls.ranges.size() == 2);  // [0, 500) and [500, 1001), on whichever threads
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
TEST_CASE("forRowHalves hands the upper half to a second thread when the caller's half takes a while") {
  // The helper starts on first use; a caller that finds it not yet there runs both halves itself.
  bool second = false;
  for (int attempt = 0; attempt < 20 && !second; ++attempt) {
    Calls calls;
    forRowHalves(100, 64, [&](int begin, int end) {
      calls.add(begin, end);
      if (begin == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    });
    REQUIRE(calls.ranges.size() == 2);
    for (std::size_t i = 0; i < 2; ++i)
      if (calls.ranges[i].first == 50) second = calls.threads[i] != std::this_thread::get_id();
  }
  CHECK(second);
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

TEST_CASE("forRowHalves inside forRowHalves: the inner call runs its rows alone, on either thread") {
  std::vector<std::atomic<int>> hits(200 * 100);
  forRowHalves(200, 64, [&](int begin, int end) {
    for (int r = begin; r < end; ++r)
      forRowHalves(100, 64, [&](int b, int e) {
        for (int c = b; c < e; ++c) hits[r * 100 + c]++;
      });
  });
  for (const auto& h : hits) REQUIRE(h == 1);
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
