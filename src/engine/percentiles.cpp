#include "engine/percentiles.hpp"

#include <cmath>

namespace trace_summary {

double percentile(const std::vector<double>& sorted, double p) {
  const std::size_t n = sorted.size();
  const double virtual_index = static_cast<double>(n - 1) * (p / 100.0);  // numpy's 'linear'
  if (virtual_index >= static_cast<double>(n - 1)) return sorted.back();
  if (virtual_index < 0) return sorted.front();
  const double previous = std::floor(virtual_index);
  const double gamma = virtual_index - previous;
  const auto i = static_cast<std::size_t>(previous);
  const double a = sorted[i];
  const double b = sorted[i + 1];
  // numpy's _lerp: the interpolation from the nearer end. (numpy turns
  // integer durations into float64 first, as they are held here.)
  const double diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

}  // namespace trace_summary
