// The classic renderer: each pass's per-trace listing (`-t`) and its per-model
// summary, byte for byte as the reference script prints them.
#pragma once

#include "io/output.hpp"
#include "engine/span_engine.hpp"

namespace trace_summary {

/// Prints one pass: with `show_trace`, every counted trace's listing, then a
/// `Summary for MODEL (VERSION)` block per model.
void render_pass(const TraceSet& set, const FileSummary& summary, const PassSummary& pass, bool show_trace,
                 Output& out);

/// Prints one model's summary block of a pass.
void render_model_summary(const TraceSet& set, const FileSummary& summary, Protocol protocol,
                          const ModelStats& model, Output& out);

}  // namespace trace_summary
