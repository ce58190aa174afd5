// `--format json`: one JSON document for all files, with the schema of
// docs/json-output.md (docs/json-output.schema.json). It is written as the
// reports come, so `-t` costs no more memory than the summary.
#pragma once

#include <vector>

#include "render/json_stream.hpp"
#include "render/request_rows.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// Version of the document's schema; raised on any incompatible change.
inline constexpr int kJsonSchemaVersion = 1;

class JsonSink final : public ReportSink {
 public:
  /// `window_ns` > 0: each model's request time per window (--window).
  JsonSink(Output& out, Compat compat, std::vector<double> percentiles, bool with_traces, RequestSelection top = {},
           std::uint64_t window_ns = 0)
      : json_(out),
        compat_(compat),
        percentiles_(std::move(percentiles)),
        with_traces_(with_traces),
        top_(std::move(top)),
        window_ns_(window_ns) {}
  void begin() override;
  void file(const FileReport& report) override;
  void failed_file(const std::string& name, const std::string& error) override;
  void end() override;

 private:
  void model(const FileReport& report, Protocol protocol, std::size_t index);
  void top(const FileReport& report);

  JsonStream json_;
  Compat compat_;
  std::vector<double> percentiles_;
  bool with_traces_;
  RequestSelection top_;
  std::uint64_t window_ns_;
};

}  // namespace trace_summary
