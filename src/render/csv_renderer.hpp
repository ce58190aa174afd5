// `--format csv`: a header row, then one row per (file, protocol, model,
// version, span) with the same statistics as the table; RFC 4180 quoting.
#pragma once

#include <string>
#include <vector>

#include "io/output.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// A CSV field: quoted (with inner quotes doubled) when it holds a comma, a
/// quote, or a line break.
std::string csv_field(const std::string& text);

class CsvSink final : public ReportSink {
 public:
  /// `window_ns` > 0 (--window): a row per (file, protocol, model, version,
  /// window) with the request time's count, p50 and p99 instead.
  CsvSink(Output& out, std::vector<double> percentiles, std::uint64_t window_ns = 0)
      : out_(out), percentiles_(std::move(percentiles)), window_ns_(window_ns) {}
  void begin() override;
  void file(const FileReport& report) override;

 private:
  void row(const std::string& prefix, std::uint64_t count, const StatRow& row);
  void windows(const std::string& prefix, const ModelReport& model);

  Output& out_;
  std::vector<double> percentiles_;
  std::uint64_t window_ns_;
};

}  // namespace trace_summary
