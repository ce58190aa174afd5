// `--timeline FILE`: the counted traces as Chrome Trace Event Format JSON,
// which Perfetto UI and chrome://tracing open. One track per trace (an
// ensemble's children share its track, nested inside it), a complete event
// per span, times in µs from the file's first event.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "engine/span_engine.hpp"

namespace trace_summary {

class TimelineWriter {
 public:
  /// Creates `path`; throws std::runtime_error when it cannot be written.
  /// At most `limit` traces (with their children) per file are written.
  TimelineWriter(const std::string& path, std::uint64_t limit);
  ~TimelineWriter();
  TimelineWriter(const TimelineWriter&) = delete;
  TimelineWriter& operator=(const TimelineWriter&) = delete;

  /// Adds one summarised file as its own process.
  void add_file(const TraceSet& set, const FileSummary& summary, const std::string& display_name);
  /// Closes the document; throws std::runtime_error on a write error.
  void finish();

 private:
  void event(const std::string& json);

  std::FILE* file_;
  std::string path_;
  std::uint64_t limit_;
  int next_pid_ = 1;
  bool first_event_ = true;
  bool finished_ = false;
};

}  // namespace trace_summary
