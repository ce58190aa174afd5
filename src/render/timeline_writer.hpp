// `--timeline FILE`: the counted traces as Chrome Trace Event Format JSON,
// which Perfetto UI and chrome://tracing open. One process per report; one
// track per root trace, with the traces of the models it ran on its track; a
// complete event per span the engine paired, with the engine's numbers, in
// µs from the report's first event. Complete events on one thread must nest,
// and real servers' spans overlap without nesting (the response is often
// sent before REQUEST_END), so a track's events are laid out on as many
// threads ("lanes") as nesting needs.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include "io/output.hpp"
#include "render/replacing_file.hpp"
#include "render/request_rows.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

class JsonStream;

class TimelineSink final : public ReportSink {
 public:
  /// Writes to a temporary file beside `path` that end() renames to `path`
  /// (SIGINT, SIGTERM or SIGHUP before then remove it: render/replacing_file.hpp);
  /// throws std::runtime_error when it cannot be created. Per report, the
  /// `limit` slowest root traces by `top.key` (with the traces of the models
  /// they ran), slowest first; with `top.top`, the roots of the top traces.
  TimelineSink(std::string path, std::uint64_t limit, RequestSelection top = {});
  ~TimelineSink() override;
  TimelineSink(const TimelineSink&) = delete;
  TimelineSink& operator=(const TimelineSink&) = delete;

  void file(const FileReport& report) override;
  /// Closes the document and moves it into place; throws std::runtime_error
  /// on a write error (the target is then left as it was).
  void end() override;

 private:
  // Writes one event: an object whose members `members` writes.
  void event(const std::function<void(JsonStream&)>& members);

  ReplacingFile file_;
  Output scratch_;  // the event being written
  std::uint64_t limit_;
  RequestSelection top_;
  int next_pid_ = 1;
  bool first_event_ = true;
};

}  // namespace trace_summary
