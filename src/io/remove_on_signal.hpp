// A file that must not outlive an interrupted run: the temporary file an
// output is written to before it is renamed into place. While a
// RemoveOnSignal is alive, SIGINT, SIGTERM and SIGHUP remove the file and
// then end the process as the signal would have (so the exit status still
// says which signal it was); the target the file was to replace is never
// touched. A signal the process was started with ignored (nohup, a
// background job of a script) stays ignored.
#pragma once

#include <csignal>
#include <cstddef>
#include <string>

namespace trace_summary {

class RemoveOnSignal {
 public:
  /// Arms the removal of `path` (at most kMaxArmed RemoveOnSignal at a
  /// time, all made and destroyed on one thread; throws std::logic_error on
  /// one more, std::length_error when the path is longer than PATH_MAX).
  explicit RemoveOnSignal(const std::string& path);
  /// Disarms it and gives the signals back their previous handlers.
  ~RemoveOnSignal();
  RemoveOnSignal(const RemoveOnSignal&) = delete;
  RemoveOnSignal& operator=(const RemoveOnSignal&) = delete;

  /// The file was renamed into place or removed: a signal from now on
  /// leaves it alone.
  void disarm();

  /// One per output that is written beside its target (--timeline, --html).
  static constexpr std::size_t kMaxArmed = 4;

 private:
  std::size_t slot_;  ///< which of the kMaxArmed paths is this one's
};

}  // namespace trace_summary
