// The histogram of a row's per-trace values: bins of equal width, or of
// equal ratio when the values span two orders of magnitude or more, so that
// both the body and the tail of a latency distribution show.
#pragma once

#include <cstddef>
#include <vector>

#include "report/report_model.hpp"

namespace trace_summary {

/// The values' spread at which the bins become logarithmic (max / min).
inline constexpr double kLogScaleRatio = 100;

/// `bins` bins from the smallest to the largest of `values_ns` (in any
/// order), edges in µs; a value on an inner edge counts in the bin above it.
/// Equal values make one bin; no values, no bins.
Histogram make_histogram(const std::vector<double>& values_ns, std::size_t bins);

}  // namespace trace_summary
