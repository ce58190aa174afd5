// The Data Flow section: the tensors of a TENSORS-level trace, nested along
// the ensemble's parent/child tree, as trace_summary.py prints it.
#pragma once

#include <vector>

#include "io/output.hpp"
#include "engine/span_engine.hpp"

namespace trace_summary {

/// Prints the Data Flow section for a file summarised by `summary` (nothing
/// for lowercase files, or when the file has neither parent ids nor tensors).
/// Throws DataError for a tensor the reference cannot print, a TENSOR record
/// without id that the reference would reach, or a parent_id cycle. With
/// `skip`, an unprintable tensor is left out and logged there instead.
/// With `kept` (--model: the groups of the traces kept), the section shows
/// the first tree (or, without parent ids, the first tensor trace) that
/// holds a kept trace, and nothing when none does.
void render_dataflow(const TraceSet& set, const FileSummary& summary, Output& out, SkipLog* skip = nullptr,
                     const std::vector<bool>* kept = nullptr);

}  // namespace trace_summary
