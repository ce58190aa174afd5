// `--format table`: per protocol and model, an aligned table of the classic
// spans with count, average, min, percentiles, max (µs) and share of the
// request time.
#pragma once

#include <string>
#include <vector>

#include "io/output.hpp"
#include "engine/span_stats.hpp"

namespace trace_summary {

/// Prints `File: NAME`, then a table per model of each pass (HTTP first).
void render_table(const TraceSet& set, const std::string& display_name, const std::vector<PassRows>& passes,
                  const std::vector<double>& percentiles, Output& out);

/// `p50`, `p99.9`: a percentile's column name.
std::string percentile_name(double p);

}  // namespace trace_summary
