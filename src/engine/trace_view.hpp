// One counted trace as the report model shows it: ids, its own model name
// and version, the spans the engine paired, and its timestamps in time order.
#pragma once

#include "engine/span_engine.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// Fills `view` (reusing its storage) with counted `trace` of `protocol`'s
/// pass; its timestamps only `WithStamps`.
void fill_trace_view(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace,
                     TraceDetail detail, TraceView& view);

}  // namespace trace_summary
