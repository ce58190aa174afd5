// `--format table`: per protocol and model, an aligned table of the
// catalogue's rows with count, average, min, percentiles, max (µs) and share
// of the request time.
#pragma once

#include <string>
#include <vector>

#include "io/output.hpp"
#include "render/request_rows.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// `p50`, `p99.9`: a percentile's column name.
std::string percentile_name(double p);

class TableSink final : public ReportSink {
 public:
  /// `window_ns` > 0 (--window): each model's table is followed by its
  /// request time per window.
  TableSink(Output& out, std::vector<double> percentiles, RequestSelection top = {}, std::uint64_t window_ns = 0)
      : out_(out), percentiles_(std::move(percentiles)), top_(std::move(top)), window_ns_(window_ns) {}
  void file(const FileReport& report) override;

 private:
  void model(Protocol protocol, const ModelReport& model);
  void aligned(const std::vector<std::vector<std::string>>& cells);

  Output& out_;
  std::vector<double> percentiles_;
  RequestSelection top_;
  std::uint64_t window_ns_;
};

}  // namespace trace_summary
