#include "engine/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace trace_summary {
namespace {

// The `bins` + 1 edges from `lo` to `hi`: numpy.linspace, or equal ratios.
std::vector<double> edges(double lo, double hi, std::size_t bins, bool log_scale) {
  std::vector<double> e(bins + 1);
  const double step =
      log_scale ? (std::log(hi) - std::log(lo)) / static_cast<double>(bins) : (hi - lo) / static_cast<double>(bins);
  for (std::size_t i = 0; i < bins; ++i) {
    const double at = static_cast<double>(i) * step;
    e[i] = log_scale ? std::exp(std::log(lo) + at) : lo + at;
  }
  e.front() = lo;
  e.back() = hi;
  return e;
}

}  // namespace

Histogram make_histogram(const std::vector<double>& values_ns, std::size_t bins) {
  Histogram h;
  if (values_ns.empty() || bins == 0) return h;
  const auto [lo_at, hi_at] = std::minmax_element(values_ns.begin(), values_ns.end());
  const double lo = *lo_at, hi = *hi_at;
  if (lo == hi) {
    h.bins.push_back({lo / 1000, hi / 1000, values_ns.size()});
    return h;
  }
  h.log_scale = lo > 0 && hi / lo >= kLogScaleRatio;
  const std::vector<double> e = edges(lo, hi, bins, h.log_scale);
  for (std::size_t i = 0; i < bins; ++i) h.bins.push_back({e[i] / 1000, e[i + 1] / 1000, 0});
  // A value's bin: how many inner edges (e[1] to e[bins - 1]) are <= it.
  const auto inner_begin = e.begin() + 1, inner_end = e.end() - 1;
  for (const double v : values_ns) {
    const auto bin = std::upper_bound(inner_begin, inner_end, v) - inner_begin;
    ++h.bins[static_cast<std::size_t>(bin)].count;
  }
  return h;
}

}  // namespace trace_summary
