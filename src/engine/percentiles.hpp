// Percentiles as numpy computes them by default (method 'linear'): linear
// interpolation between the closest ranks.
#pragma once

#include <vector>

namespace trace_summary {

/// numpy.percentile(values, p) for `sorted` ascending values and p in
/// [0, 100]: the virtual index (n - 1) * p/100, and numpy's lerp between its
/// neighbours. `sorted` must not be empty.
double percentile(const std::vector<double>& sorted, double p);

/// The smallest and largest value, and percentile(sorted values, p) for each
/// p of `ps`, without sorting: only the ranks the percentiles read are put
/// in place (std::nth_element), so `values` is left reordered. The numbers
/// equal those of a full sort. `values` must not be empty.
struct Selected {
  double min = 0, max = 0;
  std::vector<double> percentiles;
};
Selected select_percentiles(std::vector<double>& values, const std::vector<double>& ps);

}  // namespace trace_summary
