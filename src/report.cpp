#include "trace_summary/report.hpp"

#include "trace_summary/dataflow.hpp"
#include "trace_summary/loader.hpp"
#include "trace_summary/summary_renderer.hpp"
#include "trace_summary/verbose_dump.hpp"

namespace trace_summary {
namespace {

std::vector<std::string> load_warnings(const TraceSet& set, const SkipLog& skipped, const SkipLog& cut) {
  std::vector<std::string> warnings;
  if (set.empty_input) warnings.push_back("file is empty; no traces");
  if (set.truncated) {
    std::string w = "file ends before its closing ']' (was the server still running?); read " +
                    std::to_string(set.complete_records) + " complete record" + (set.complete_records == 1 ? "" : "s");
    if (!cut.empty()) w += "; the cut left out " + cut.summary().substr(std::string("left out ").size());
    warnings.push_back(w);
  }
  if (!skipped.empty()) warnings.push_back(skipped.summary());
  return warnings;
}

// The text the -v dump shows: the file, or for a file cut short the complete
// records it holds, closed.
std::string dump_text(const std::string& text, const TraceSet& set) {
  if (set.empty_input) return "[]";
  if (set.truncated) return text.substr(0, set.complete_bytes) + "]";
  return text;
}

}  // namespace

std::vector<std::string> write_report(InputSource& input, const std::string& display_name,
                                      const ReportOptions& options, Output& out) {
  SkipLog skipped, cut;
  SkipLog* skip = options.skip_invalid ? &skipped : nullptr;
  std::string text;  // the file's bytes, kept only for the verbose dump
  TraceSet set;
  if (options.verbose) {
    text = input.read_all();
    auto memory = InputSource::from_memory(text);
    set = load_trace_set(*memory, skip);
  } else {
    set = load_trace_set(input, skip);
  }
  const FileSummary summary = summarize(set, options.compat, {skip, &cut});
  Output dataflow;  // rendered first: a tensor error must stop the file before any output
  render_dataflow(set, summary, dataflow, skip);

  if (options.verbose) write_python_json_dump(dump_text(text, set), out);
  out << "File: " << display_name << '\n';
  render_pass(set, summary, summary.http, options.show_trace, out);
  render_pass(set, summary, summary.grpc, options.show_trace, out);
  out << dataflow.text();
  return load_warnings(set, skipped, cut);
}

}  // namespace trace_summary
