// Latency over time: windows (count and numpy's linear percentiles, worked
// out by hand) and the sampled points of the scatter.
#include "engine/time_series.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace trace_summary {
namespace {

TEST(TimeSeries, RoundWindowsAreOneTwoFiveTimesAPowerOfTen) {
  EXPECT_EQ(round_window_ns(990'000'000), 10'000'000u);    // 0 to 0.99 s: 100 windows of 10 ms
  EXPECT_EQ(round_window_ns(1'000'000'000), 20'000'000u);  // 0 to 1 s in 10 ms would be 101
  EXPECT_EQ(round_window_ns(1'500'000'000), 20'000'000u);  // 15 ms is not round: 20 ms
  EXPECT_EQ(round_window_ns(3'000'000'000), 50'000'000u);
  EXPECT_EQ(round_window_ns(0), 1u);
}

TEST(TimeSeries, WindowsHoldTheRequestsThatStartedInThem) {
  // origin 100; width 10: [100,110) holds 3, [110,120) none, [120,130) holds 2
  std::vector<TimedValue> v = {{125, 7000}, {100, 1000}, {109, 3000}, {105, 2000}, {120, 5000}};
  const std::vector<TimeWindow> w = time_windows(v, 100, 10);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].index, 0u);
  EXPECT_EQ(w[0].count, 3u);
  EXPECT_DOUBLE_EQ(w[0].p50_us, 2);
  EXPECT_NEAR(w[0].p99_us, 2.98, 1e-12);  // index 1.98: 2 + 0.98 * (3 - 2)
  EXPECT_EQ(w[1].index, 2u);
  EXPECT_DOUBLE_EQ(w[1].start_s, 20e-9);
  EXPECT_EQ(w[1].count, 2u);
  EXPECT_DOUBLE_EQ(w[1].p50_us, 6);       // between 5 and 7
  EXPECT_NEAR(w[1].p99_us, 6.98, 1e-12);  // index 0.99: 5 + 0.99 * (7 - 5)
}

TEST(TimeSeries, AllPointsUnderTheLimit) {
  std::vector<TimedValue> v = {{0, 1000}, {1'000'000'000, 2000}};
  const std::vector<TimePoint> p = time_points(v, 0, 10);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_DOUBLE_EQ(p[1].start_s, 1);
  EXPECT_DOUBLE_EQ(p[1].value_us, 2);
}

TEST(TimeSeries, SampledPointsKeepTheExtremesOfEachStretch) {
  std::vector<TimedValue> v;
  for (int i = 0; i < 1000; ++i) v.push_back({i, 1000.0 + (i % 97)});
  v[500].value_ns = 1e9;  // one slow request
  v[800].value_ns = 1;    // one fast one
  const std::vector<TimePoint> p = time_points(v, 0, 20);
  EXPECT_LE(p.size(), 20u);
  EXPECT_GE(p.size(), 10u);
  const auto has = [&](double us) {
    return std::any_of(p.begin(), p.end(), [&](const TimePoint& t) { return t.value_us == us; });
  };
  EXPECT_TRUE(has(1e6));
  EXPECT_TRUE(has(0.001));
  EXPECT_TRUE(
      std::is_sorted(p.begin(), p.end(), [](const TimePoint& a, const TimePoint& b) { return a.start_s < b.start_s; }));
}

}  // namespace
}  // namespace trace_summary
