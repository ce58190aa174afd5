#include "engine/percentiles.hpp"

#include <cmath>

namespace trace_summary {

double percentile(const std::vector<std::int64_t>& sorted, double p) {
  const std::size_t n = sorted.size();
  const double virtual_index = static_cast<double>(n - 1) * (p / 100.0);  // numpy's 'linear'
  if (virtual_index >= static_cast<double>(n - 1)) return static_cast<double>(sorted.back());
  if (virtual_index < 0) return static_cast<double>(sorted.front());
  const double previous = std::floor(virtual_index);
  const double gamma = virtual_index - previous;
  const auto i = static_cast<std::size_t>(previous);
  const double a = static_cast<double>(sorted[i]);
  const double b = static_cast<double>(sorted[i + 1]);
  // numpy's _lerp: the difference in the values' own integer type, then the
  // interpolation from the nearer end.
  const double diff = static_cast<double>(sorted[i + 1] - sorted[i]);
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

}  // namespace trace_summary
