#include "app/format_sink.hpp"

#include "render/csv_renderer.hpp"
#include "render/json_renderer.hpp"
#include "render/request_rows.hpp"
#include "render/summary_renderer.hpp"
#include "render/table_renderer.hpp"

namespace trace_summary {

std::unique_ptr<ReportSink> make_format_sink(const OutputOptions& options, Compat compat, Output& out) {
  const RequestSelection top{options.top, RankKey(options.sort)};
  if (options.format == "table") return std::make_unique<TableSink>(out, options.percentiles, top, options.window_ns);
  if (options.format == "json") {
    return std::make_unique<JsonSink>(out, compat, options.percentiles, options.show_trace, top, options.window_ns);
  }
  if (options.format == "csv") return std::make_unique<CsvSink>(out, options.percentiles, options.window_ns);
  if (options.format == "jsonl") return std::make_unique<JsonLinesSink>(out, top);
  if (options.format == "csv-requests") return std::make_unique<CsvRequestsSink>(out, top);
  return std::make_unique<ClassicTextSink>(out, options.verbose, options.show_trace, top);
}

}  // namespace trace_summary
