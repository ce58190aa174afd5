// `--top N` in the text and table formats: the N slowest counted requests,
// each with where its time went, row by row as the catalogue nests them.
#pragma once

#include "io/output.hpp"
#include "render/request_rows.hpp"

namespace trace_summary {

/// Prints `Top N requests by KEY:` and a block per request (nothing when
/// `selection.top` is 0).
void render_top_block(const FileReport& report, const RequestSelection& selection, Output& out);

}  // namespace trace_summary
