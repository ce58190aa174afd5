// The renderer of each --format, made from the output options.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/output.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// How to print: what the renderers are told.
struct OutputOptions {
  std::string format = "text";  ///< text, table, json or csv
  bool verbose = false;         ///< `-v`: dump each input first (text)
  bool show_trace = false;      ///< `-t`: list every counted trace (text; json: include them)
  std::vector<double> percentiles = {50, 90, 99};
  std::size_t top = 0;            ///< --top N (0: not asked)
  std::string sort = "request";  ///< --sort
  std::uint64_t window_ns = 0;   ///< --window (0: not asked)
};

/// The sink that writes `options.format` to `out`.
std::unique_ptr<ReportSink> make_format_sink(const OutputOptions& options, Compat compat, Output& out);

}  // namespace trace_summary
