// Percentiles as numpy computes them by default (method 'linear'): linear
// interpolation between the closest ranks.
#pragma once

#include <vector>

namespace trace_summary {

/// numpy.percentile(values, p) for `sorted` ascending values and p in
/// [0, 100]: the virtual index (n - 1) * p/100, and numpy's lerp between its
/// neighbours. `sorted` must not be empty.
double percentile(const std::vector<double>& sorted, double p);

}  // namespace trace_summary
