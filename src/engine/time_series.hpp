// Latency over time: the request time of a model's requests per window
// (count, p50, p99) and the points of a scatter plot, sampled so that a
// million requests still draw fast while the slowest and fastest of each
// stretch of time stay in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "report/report_model.hpp"

namespace trace_summary {

/// One request: when it started and how long it took (ns).
struct TimedValue {
  std::int64_t start_ns = 0;
  double value_ns = 0;
};

/// The smallest of 1, 2, 5 times a power of ten ns that cuts `span_ns` into
/// at most `windows` windows.
std::uint64_t round_window_ns(std::uint64_t span_ns, std::uint64_t windows = 100);

/// The windows of `width_ns` from `origin_ns` in which a request of
/// `values` started, in time order. Sorts `values` by start.
std::vector<TimeWindow> time_windows(std::vector<TimedValue>& values, std::int64_t origin_ns, std::uint64_t width_ns);

/// Every request when there are at most `limit`; else, of `limit` / 2 equal
/// stretches of time, the fastest and the slowest request of each. In time
/// order; `values` sorted by start.
std::vector<TimePoint> time_points(const std::vector<TimedValue>& values, std::int64_t origin_ns, std::size_t limit);

}  // namespace trace_summary
