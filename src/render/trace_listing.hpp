// The per-trace listing (`-t`): a counted trace's model, id, parent id and its
// timestamps ordered by time with the microseconds between them.
#pragma once

#include "io/output.hpp"
#include "engine/span_engine.hpp"

namespace trace_summary {

/// Prints `MODEL (VERSION):`, `\tid: ID`, `\tparent id: P` when the trace's
/// first record has one, then each timestamp name with `\t\tDELTAus` between
/// consecutive ones (stable order by ns; `--compat current` leaves out names
/// starting with GRPC_WAITREAD).
void render_trace_listing(const TraceSet& set, const FileSummary& summary, const CountedTrace& trace, Output& out);

}  // namespace trace_summary
