#include "listen/periodic_reporter.hpp"

#include <algorithm>

namespace trace_summary {

PeriodicReporter::PeriodicReporter(std::chrono::milliseconds every, std::function<void()> tick)
    : every_(every), tick_(std::move(tick)), thread_([this] { run(); }) {}

PeriodicReporter::~PeriodicReporter() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicReporter::run() {
  auto next = std::chrono::steady_clock::now() + every_;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
    lock.unlock();
    tick_();
    lock.lock();
    next = std::max(next + every_, std::chrono::steady_clock::now());
  }
}

}  // namespace trace_summary
