// `--format csv`: one row per (file, protocol, model, version, span) with
// the same statistics as the table, after a header row; RFC 4180 quoting.
#pragma once

#include <string>
#include <vector>

#include "io/output.hpp"
#include "engine/span_stats.hpp"

namespace trace_summary {

/// The header row (printed once, before the first file).
void render_csv_header(const std::vector<double>& percentiles, Output& out);

/// The rows of one file.
void render_csv(const TraceSet& set, const std::string& display_name, const std::vector<PassRows>& passes,
                const std::vector<double>& percentiles, Output& out);

/// A CSV field: quoted (with inner quotes doubled) when it holds a comma, a
/// quote, or a line break.
std::string csv_field(const std::string& text);

}  // namespace trace_summary
