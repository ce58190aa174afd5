// The classic renderer: byte for byte what the reference script prints —
// the `-v` dump, `File:`, each pass's per-trace listing (`-t`) and per-model
// summary, and the Data Flow section.
#pragma once

#include "io/output.hpp"
#include "report/report_model.hpp"
#include "render/request_rows.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// Prints one model's `Summary for MODEL (VERSION)` block.
void render_model_summary(const ModelReport& model, Output& out);

/// The classic text format.
class ClassicTextSink final : public ReportSink {
 public:
  ClassicTextSink(Output& out, bool verbose, bool show_trace, RequestSelection top = {})
      : out_(out), verbose_(verbose), show_trace_(show_trace), top_(std::move(top)) {}
  void file(const FileReport& report) override;

 private:
  Output& out_;
  bool verbose_, show_trace_;
  RequestSelection top_;
};

}  // namespace trace_summary
