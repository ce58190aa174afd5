// The Data Flow section: the tensors of a TENSORS-level trace, nested along
// the ensemble's parent/child tree, as trace_summary.py prints it.
#pragma once

#include "io/output.hpp"
#include "engine/span_engine.hpp"

namespace trace_summary {

/// Prints the Data Flow section for a file summarised by `summary` (nothing
/// for lowercase files, or when the file has neither parent ids nor tensors).
/// Throws DataError for a tensor the reference cannot print, a TENSOR record
/// without id that the reference would reach, or a parent_id cycle. With
/// `skip`, an unprintable tensor is left out and logged there instead.
void render_dataflow(const TraceSet& set, const FileSummary& summary, Output& out, SkipLog* skip = nullptr);

}  // namespace trace_summary
