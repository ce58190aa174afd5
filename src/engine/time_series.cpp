#include "engine/time_series.hpp"

#include <algorithm>

#include "engine/percentiles.hpp"

namespace trace_summary {
namespace {

double seconds_from(std::int64_t origin_ns, std::int64_t ns) {
  return static_cast<double>(static_cast<std::uint64_t>(ns) - static_cast<std::uint64_t>(origin_ns)) / 1e9;
}

TimeWindow window_of(std::uint64_t index, std::uint64_t width_ns, std::vector<double>& values_ns) {
  std::sort(values_ns.begin(), values_ns.end());
  TimeWindow w;
  w.index = index;
  w.start_s = static_cast<double>(index) * static_cast<double>(width_ns) / 1e9;
  w.count = values_ns.size();
  w.p50_us = percentile(values_ns, 50) / 1000;
  w.p99_us = percentile(values_ns, 99) / 1000;
  return w;
}

}  // namespace

std::uint64_t round_window_ns(std::uint64_t span_ns, std::uint64_t windows) {
  for (std::uint64_t power = 1;; power *= 10) {
    for (std::uint64_t step : {1, 2, 5}) {
      const std::uint64_t width = step * power;
      if (span_ns / width < windows || power >= 1'000'000'000'000'000'000ULL / 10) return width;
    }
  }
}

std::vector<TimeWindow> time_windows(std::vector<TimedValue>& values, std::int64_t origin_ns, std::uint64_t width_ns) {
  std::stable_sort(values.begin(), values.end(),
                   [](const TimedValue& a, const TimedValue& b) { return a.start_ns < b.start_ns; });
  std::vector<TimeWindow> windows;
  std::vector<double> in_window;
  std::uint64_t current = 0;
  for (const TimedValue& v : values) {
    const std::uint64_t index =
        (static_cast<std::uint64_t>(v.start_ns) - static_cast<std::uint64_t>(origin_ns)) / width_ns;
    if (index != current && !in_window.empty()) {
      windows.push_back(window_of(current, width_ns, in_window));
      in_window.clear();
    }
    current = index;
    in_window.push_back(v.value_ns);
  }
  if (!in_window.empty()) windows.push_back(window_of(current, width_ns, in_window));
  return windows;
}

std::vector<TimePoint> time_points(const std::vector<TimedValue>& values, std::int64_t origin_ns, std::size_t limit) {
  std::vector<TimePoint> points;
  auto point = [&](const TimedValue& v) { points.push_back({seconds_from(origin_ns, v.start_ns), v.value_ns / 1000}); };
  if (values.size() <= limit) {
    for (const TimedValue& v : values) point(v);
    return points;
  }
  const std::size_t stretches = std::max<std::size_t>(limit / 2, 1);
  const double first = static_cast<double>(values.front().start_ns);
  const double span = static_cast<double>(values.back().start_ns) - first + 1;
  auto begin = values.begin();
  while (begin != values.end()) {
    const auto stretch = static_cast<std::size_t>((static_cast<double>(begin->start_ns) - first) / span *
                                                  static_cast<double>(stretches));
    auto end = begin;
    auto lo = begin, hi = begin;
    while (end != values.end() && static_cast<std::size_t>((static_cast<double>(end->start_ns) - first) / span *
                                                           static_cast<double>(stretches)) == stretch) {
      if (end->value_ns < lo->value_ns) lo = end;
      if (end->value_ns > hi->value_ns) hi = end;
      ++end;
    }
    point(*std::min(lo, hi));
    if (lo != hi) point(*std::max(lo, hi));
    begin = end;
  }
  return points;
}

}  // namespace trace_summary
