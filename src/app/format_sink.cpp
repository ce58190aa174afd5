#include "app/format_sink.hpp"

#include "render/csv_renderer.hpp"
#include "render/json_renderer.hpp"
#include "render/summary_renderer.hpp"
#include "render/table_renderer.hpp"

namespace trace_summary {

std::unique_ptr<ReportSink> make_format_sink(const OutputOptions& options, Compat compat, Output& out) {
  if (options.format == "table") return std::make_unique<TableSink>(out, options.percentiles);
  if (options.format == "json") return std::make_unique<JsonSink>(out, compat, options.percentiles, options.show_trace);
  if (options.format == "csv") return std::make_unique<CsvSink>(out, options.percentiles);
  return std::make_unique<ClassicTextSink>(out, options.verbose, options.show_trace);
}

}  // namespace trace_summary
