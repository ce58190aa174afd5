#include "io/remove_on_signal.hpp"

#include <limits.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace trace_summary {
namespace {

// The one piece of global state here, and why: a signal handler receives
// only the signal's number, so the path it removes must be reachable from
// static storage. It is a fixed buffer (the handler may not allocate or
// follow a std::string another thread may be freeing) guarded by a
// lock-free atomic flag (the only kind of shared variable a handler may
// read on any thread). Only RemoveOnSignal writes it, from the thread that
// owns the RemoveOnSignal; the handler only reads it.
struct ArmedPath {
  std::atomic<bool> armed{false};
  std::atomic<bool> in_use{false};  // a RemoveOnSignal exists
  char path[PATH_MAX] = {};
};
ArmedPath g_armed;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads the flag");

// Async-signal-safe only: unlink(2), sigaction(2) and raise(3).
extern "C" void remove_then_die(int signal) {
  if (g_armed.armed.exchange(false)) ::unlink(g_armed.path);
  struct sigaction default_action = {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(signal, &default_action, nullptr);
  ::raise(signal);  // delivered when the handler returns: the process ends as the signal says
}

}  // namespace

RemoveOnSignal::RemoveOnSignal(const std::string& path) {
  if (path.size() >= sizeof g_armed.path) throw std::length_error("path longer than PATH_MAX: " + path);
  if (g_armed.in_use.exchange(true)) throw std::logic_error("a second RemoveOnSignal");
  std::memcpy(g_armed.path, path.c_str(), path.size() + 1);
  g_armed.armed.store(true);
  struct sigaction action = {};
  action.sa_handler = remove_then_die;
  sigemptyset(&action.sa_mask);
  for (int s : kSignals) sigaddset(&action.sa_mask, s);  // one removal at a time
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    struct sigaction old = {};
    ::sigaction(kSignals[i], nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // nohup and background jobs keep ignoring it
    installed_[i] = ::sigaction(kSignals[i], &action, &previous_[i]) == 0;
  }
}

RemoveOnSignal::~RemoveOnSignal() {
  disarm();
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    if (installed_[i]) ::sigaction(kSignals[i], &previous_[i], nullptr);
  }
  g_armed.in_use.store(false);
}

void RemoveOnSignal::disarm() { g_armed.armed.store(false); }

}  // namespace trace_summary
