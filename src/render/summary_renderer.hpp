// The classic renderer: byte for byte what the reference script prints —
// the `-v` dump, `File:`, each pass's per-trace listing (`-t`) and per-model
// summary, and the Data Flow section.
#pragma once

#include "io/output.hpp"
#include "report/report_model.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// Prints one model's `Summary for MODEL (VERSION)` block.
void render_model_summary(const ModelReport& model, Output& out);

/// The classic text format.
class ClassicTextSink final : public ReportSink {
 public:
  ClassicTextSink(Output& out, bool verbose, bool show_trace) : out_(out), verbose_(verbose), show_trace_(show_trace) {}
  void file(const FileReport& report) override;

 private:
  Output& out_;
  bool verbose_, show_trace_;
};

}  // namespace trace_summary
