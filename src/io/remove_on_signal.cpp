#include "io/remove_on_signal.hpp"

#include <limits.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string>

namespace trace_summary {
namespace {

// The one piece of global state here, and why: a signal handler receives
// only the signal's number, so the paths it removes must be reachable from
// static storage. They are fixed buffers (the handler may not allocate or
// follow a std::string another thread may be freeing), each guarded by a
// lock-free atomic flag (the only kind of shared variable a handler may
// read on any thread). Only RemoveOnSignal writes them, from the one thread
// that makes and destroys every RemoveOnSignal; the handler only reads them.
// The handlers in place before the first RemoveOnSignal, and how many are
// alive, are that thread's alone.
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct ArmedPaths {
  std::atomic<bool> armed[RemoveOnSignal::kMaxArmed] = {};
  std::atomic<bool> in_use[RemoveOnSignal::kMaxArmed] = {};  // a RemoveOnSignal holds the slot
  char path[RemoveOnSignal::kMaxArmed][PATH_MAX] = {};
  struct sigaction previous[std::size(kSignals)] = {};
  bool installed[std::size(kSignals)] = {};
  std::size_t alive = 0;
};
ArmedPaths g_armed;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads the flags");

// Async-signal-safe only: unlink(2), sigaction(2) and raise(3).
extern "C" void remove_then_die(int signal) {
  for (std::size_t i = 0; i < RemoveOnSignal::kMaxArmed; ++i) {
    if (g_armed.armed[i].exchange(false)) ::unlink(g_armed.path[i]);
  }
  struct sigaction default_action = {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(signal, &default_action, nullptr);
  ::raise(signal);  // delivered when the handler returns: the process ends as the signal says
}

void install_handlers() {
  struct sigaction action = {};
  action.sa_handler = remove_then_die;
  sigemptyset(&action.sa_mask);
  for (int s : kSignals) sigaddset(&action.sa_mask, s);  // one removal at a time
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    struct sigaction old = {};
    ::sigaction(kSignals[i], nullptr, &old);
    g_armed.installed[i] = false;
    if (old.sa_handler == SIG_IGN) continue;  // nohup and background jobs keep ignoring it
    g_armed.installed[i] = ::sigaction(kSignals[i], &action, &g_armed.previous[i]) == 0;
  }
}

void restore_handlers() {
  for (std::size_t i = 0; i < std::size(kSignals); ++i) {
    if (g_armed.installed[i]) ::sigaction(kSignals[i], &g_armed.previous[i], nullptr);
  }
}

std::size_t take_slot() {
  for (std::size_t i = 0; i < RemoveOnSignal::kMaxArmed; ++i) {
    if (!g_armed.in_use[i].exchange(true)) return i;
  }
  throw std::logic_error("more than " + std::to_string(RemoveOnSignal::kMaxArmed) + " RemoveOnSignal");
}

}  // namespace

RemoveOnSignal::RemoveOnSignal(const std::string& path) {
  if (path.size() >= PATH_MAX) throw std::length_error("path longer than PATH_MAX: " + path);
  slot_ = take_slot();
  std::memcpy(g_armed.path[slot_], path.c_str(), path.size() + 1);
  g_armed.armed[slot_].store(true);
  if (g_armed.alive++ == 0) install_handlers();
}

RemoveOnSignal::~RemoveOnSignal() {
  disarm();
  if (--g_armed.alive == 0) restore_handlers();
  g_armed.in_use[slot_].store(false);
}

void RemoveOnSignal::disarm() { g_armed.armed[slot_].store(false); }

}  // namespace trace_summary
