#include "trace_summary/report.hpp"

#include "trace_summary/dataflow.hpp"
#include "trace_summary/loader.hpp"
#include "trace_summary/summary_renderer.hpp"
#include "trace_summary/verbose_dump.hpp"

namespace trace_summary {

void write_report(InputSource& input, const std::string& display_name, const ReportOptions& options, Output& out) {
  std::string text;  // the file's bytes, kept only for the verbose dump
  TraceSet set;
  if (options.verbose) {
    text = input.read_all();
    auto memory = InputSource::from_memory(text);
    set = load_trace_set(*memory);
  } else {
    set = load_trace_set(input);
  }
  const FileSummary summary = summarize(set, options.compat);
  Output dataflow;  // rendered first: a tensor error must stop the file before any output
  render_dataflow(set, summary, dataflow);

  if (options.verbose) write_python_json_dump(text, out);
  out << "File: " << display_name << '\n';
  render_pass(set, summary, summary.http, options.show_trace, out);
  render_pass(set, summary, summary.grpc, options.show_trace, out);
  out << dataflow.text();
}

}  // namespace trace_summary
