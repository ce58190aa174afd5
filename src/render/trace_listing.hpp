// The per-trace listing (`-t`): a counted trace's model, id, parent id and its
// timestamps ordered by time with the microseconds between them.
#pragma once

#include "io/output.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// Prints `MODEL (VERSION):`, `\tid: ID`, `\tparent id: P` when the trace's
/// first record has one, then each listed timestamp name with `\t\tDELTAus`
/// between consecutive ones.
void render_trace_listing(const TraceView& trace, Output& out);

}  // namespace trace_summary
