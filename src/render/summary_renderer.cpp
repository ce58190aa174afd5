#include "render/summary_renderer.hpp"

#include "pycompat/verbose_dump.hpp"
#include "render/top_listing.hpp"
#include "render/trace_listing.hpp"

namespace trace_summary {

void render_model_summary(const ModelReport& model, Output& out) {
  out << "Summary for " << model.name << " (" << model.version << "): trace count = " << std::to_string(model.count)
      << '\n';
  std::vector<const SpanDef*> shown;
  for (const StatRow& row : model.rows) shown.push_back(row.def);
  for (std::size_t i = 0; i < model.rows.size(); ++i) {
    const StatRow& row = model.rows[i];
    out << std::string(static_cast<std::size_t>(row.def->depth), '\t') << row.def->label
        << " (avg): " << py_ratio_repr(row.sum_ns, model.count * 1000) << "us\n";
    if (closes_protocol_block(shown, i)) out << '\n';
  }
}

void ClassicTextSink::file(const FileReport& report) {
  if (verbose_) {
    for (const std::string& text : report.verbose_texts()) write_python_json_dump(text, out_);
  }
  out_ << "File: " << report.display_name() << '\n';
  for (Protocol protocol : kProtocols) {
    if (show_trace_) {
      report.for_each_trace(protocol, TraceDetail::WithStamps,
                            [this](const TraceView& t) { render_trace_listing(t, out_); });
    }
    for (std::size_t m = 0; m < report.model_count(protocol); ++m) {
      render_model_summary(report.model(protocol, m, {}), out_);
    }
  }
  report.write_dataflow(out_);
  render_top_block(report, top_, out_);
}

}  // namespace trace_summary
