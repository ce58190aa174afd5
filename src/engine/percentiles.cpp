#include "engine/percentiles.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace trace_summary {
namespace {

// Where numpy's 'linear' method reads: the rank below the virtual index, and
// how far towards the next one; a rank of n - 1 reads the last value alone.
struct Place {
  std::size_t rank = 0;
  double gamma = 0;
};

Place place_of(std::size_t n, double p) {
  const double virtual_index = static_cast<double>(n - 1) * (p / 100.0);
  if (virtual_index >= static_cast<double>(n - 1)) return {n - 1, 0};
  if (virtual_index < 0) return {0, 0};
  const double previous = std::floor(virtual_index);
  return {static_cast<std::size_t>(previous), virtual_index - previous};
}

// numpy's _lerp: the interpolation from the nearer end. (numpy turns integer
// durations into float64 first, as they are held here.)
double lerp(double a, double b, double gamma) {
  const double diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

}  // namespace

double percentile(const std::vector<double>& sorted, double p) {
  const Place at = place_of(sorted.size(), p);
  if (at.rank + 1 >= sorted.size()) return sorted[at.rank];
  return lerp(sorted[at.rank], sorted[at.rank + 1], at.gamma);
}

Selected select_percentiles(std::vector<double>& values, const std::vector<double>& ps) {
  const std::size_t n = values.size();
  std::vector<std::size_t> ranks;
  for (double p : ps) {
    const Place at = place_of(n, p);
    ranks.push_back(at.rank);
    if (at.rank + 1 < n) ranks.push_back(at.rank + 1);
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  // Each rank in ascending order: what lies after a placed rank is no
  // smaller than it, so the next selection only looks there.
  std::size_t from = 0;
  for (std::size_t rank : ranks) {
    std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from),
                     values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
    from = rank + 1;
  }
  Selected out;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  out.min = *lo;
  out.max = *hi;
  // percentile() reads only the ranks placed above.
  for (double p : ps) out.percentiles.push_back(percentile(values, p));
  return out;
}

}  // namespace trace_summary
