// A progress line on a terminal for long reads: bytes read, the share of the
// file when its size is known, and the speed. Redrawn at most a few times a
// second, erased when the file is done.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace trace_summary {

class ProgressLine {
 public:
  /// Draws on `out` for the file shown as `name`, of `total` bytes (0: unknown).
  ProgressLine(std::FILE* out, std::string name, std::uint64_t total);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// `bytes` have been read so far.
  void update(std::uint64_t bytes);
  /// Erases the line.
  void finish();

  /// The text of the line (without the carriage return), for `bytes` read
  /// after `seconds`; never more read than `total` (a file still growing).
  static std::string text(const std::string& name, std::uint64_t bytes, std::uint64_t total, double seconds);
  /// `line` cut to fewer than `columns` characters, so that it never wraps.
  static std::string fit(const std::string& line, std::size_t columns);

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  std::string name_;
  std::uint64_t total_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
  std::size_t columns_;          // of the terminal
  std::size_t drawn_width_ = 0;  // characters
};

}  // namespace trace_summary
