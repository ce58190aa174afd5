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

Histogram make_histogram(const std::vector<double>& sorted_ns, std::size_t bins) {
  Histogram h;
  if (sorted_ns.empty() || bins == 0) return h;
  const double lo = sorted_ns.front(), hi = sorted_ns.back();
  if (lo == hi) {
    h.bins.push_back({lo / 1000, hi / 1000, sorted_ns.size()});
    return h;
  }
  h.log_scale = lo > 0 && hi / lo >= kLogScaleRatio;
  const std::vector<double> e = edges(lo, hi, bins, h.log_scale);
  for (std::size_t i = 0; i < bins; ++i) h.bins.push_back({e[i] / 1000, e[i + 1] / 1000, 0});
  auto from = sorted_ns.begin();
  for (std::size_t i = 0; i < bins; ++i) {
    const auto to = i + 1 == bins ? sorted_ns.end() : std::lower_bound(from, sorted_ns.end(), e[i + 1]);
    h.bins[i].count = static_cast<std::uint64_t>(to - from);
    from = to;
  }
  return h;
}

}  // namespace trace_summary
