// --every N: calls `tick` every N seconds on a thread of its own, until it
// is destroyed (which waits for a tick under way). The tick owns standard
// output while the reporter lives.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace trace_summary {

class PeriodicReporter {
 public:
  PeriodicReporter(std::chrono::milliseconds every, std::function<void()> tick);
  ~PeriodicReporter();
  PeriodicReporter(const PeriodicReporter&) = delete;
  PeriodicReporter& operator=(const PeriodicReporter&) = delete;

 private:
  void run();

  std::chrono::milliseconds every_;
  std::function<void()> tick_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;     // last: starts once the rest is ready
};

}  // namespace trace_summary
