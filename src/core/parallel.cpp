#include "core/parallel.hpp"

#ifdef LV_THREADS
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#endif

namespace lv {

#ifdef LV_THREADS
namespace {

// One long-lived helper: started on first use, then waits for a half to run.
// The half is handed over under mutex_: whichever of helper and caller takes
// it from pending_ first runs it, so the caller never waits for a helper that
// has not picked its half up.
class Helper {
 public:
  static Helper& instance() {
    static Helper* helper = new Helper();  // never destroyed: its thread outlives static destruction
    return *helper;
  }

  void run(int count, const std::function<void(int, int)>& body) {
    // No thread, or the helper is taken (by another caller, or by this one: a
    // body that splits again runs its rows alone).
    if (!started_ || busy_.exchange(true)) return body(0, count);
    const struct Release {
      std::atomic<bool>& busy;
      ~Release() { busy = false; }
    } release{busy_};
    Task upper{&body, count / 2, count};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_ = &upper;
    }
    wake_.notify_one();
    Task lower{&body, 0, upper.begin};
    take(lower);  // its error is rethrown only once the upper half is done
    std::unique_lock<std::mutex> lock(mutex_);
    if (pending_ == &upper) {  // not picked up yet: run it here
      pending_ = nullptr;
      lock.unlock();
      take(upper);
    } else {
      done_.wait(lock, [&] { return upper.finished; });
    }
    for (const Task* half : {&lower, &upper})
      if (half->error) std::rethrow_exception(half->error);
  }

 private:
  struct Task {
    const std::function<void(int, int)>* body;
    int begin, end;
    bool finished = false;  // under mutex_
    std::exception_ptr error;
  };

  Helper() {
    try {
      std::thread([this] { loop(); }).detach();
      started_ = true;
    } catch (const std::system_error&) {  // no thread to be had: every half runs on the caller
    }
  }

  static void take(Task& task) {
    try {
      (*task.body)(task.begin, task.end);
    } catch (...) {
      task.error = std::current_exception();
    }
  }

  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return pending_ != nullptr; });
      Task& task = *pending_;
      pending_ = nullptr;
      lock.unlock();
      take(task);
      lock.lock();
      task.finished = true;
      done_.notify_all();
    }
  }

  bool started_ = false;
  std::atomic<bool> busy_{false};  // one caller at a time
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  Task* pending_ = nullptr;  // the half waiting for the helper
};

}  // namespace
#endif

void forRowHalves(int count, int minCount, const std::function<void(int, int)>& body) {
  if (count <= 0) return;
#ifdef LV_THREADS
  if (count >= minCount && count >= 2) return Helper::instance().run(count, body);
#else
  (void)minCount;
#endif
  body(0, count);
}

}  // namespace lv
