// Histograms: edges and counts worked out by hand (numpy.histogram's rule:
// each bin [lower, upper), the last one closed).
#include "engine/histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace trace_summary {
namespace {

TEST(Histogram, LinearBinsCountEachValueOnce) {
  const Histogram h = make_histogram({1000, 2000, 3000, 4000, 10000}, 3);  // 1 to 10 µs
  ASSERT_EQ(h.bins.size(), 3u);
  EXPECT_FALSE(h.log_scale);
  EXPECT_DOUBLE_EQ(h.bins[0].lower_us, 1);
  EXPECT_DOUBLE_EQ(h.bins[1].lower_us, 4);
  EXPECT_DOUBLE_EQ(h.bins[2].lower_us, 7);
  EXPECT_DOUBLE_EQ(h.bins[2].upper_us, 10);
  EXPECT_EQ(h.bins[0].count, 3u);  // 1, 2, 3
  EXPECT_EQ(h.bins[1].count, 1u);  // 4 opens its bin
  EXPECT_EQ(h.bins[2].count, 1u);  // 10 closes the last
}

TEST(Histogram, WideRangeGoesLogarithmic) {
  const Histogram h = make_histogram({1000, 10000, 100000, 1000000}, 3);
  ASSERT_EQ(h.bins.size(), 3u);
  EXPECT_TRUE(h.log_scale);
  EXPECT_NEAR(h.bins[1].lower_us, 10, 1e-9);
  EXPECT_NEAR(h.bins[2].lower_us, 100, 1e-9);
  EXPECT_EQ(h.bins[0].count, 1u);
  EXPECT_EQ(h.bins[1].count, 1u);
  EXPECT_EQ(h.bins[2].count, 2u);
}

TEST(Histogram, JustUnderAHundredfoldStaysLinear) {
  EXPECT_FALSE(make_histogram({1000, 99000}, 4).log_scale);
  EXPECT_TRUE(make_histogram({1000, 100000}, 4).log_scale);
  EXPECT_FALSE(make_histogram({0, 100000}, 4).log_scale);  // zero has no logarithm
}

TEST(Histogram, EqualValuesMakeOneBinNoValuesNone) {
  const Histogram h = make_histogram({5000, 5000, 5000}, 10);
  ASSERT_EQ(h.bins.size(), 1u);
  EXPECT_EQ(h.bins[0].count, 3u);
  EXPECT_DOUBLE_EQ(h.bins[0].lower_us, 5);
  EXPECT_TRUE(make_histogram({}, 10).bins.empty());
}

// Values in any order, some on the edges themselves: each bin holds the
// values from its lower edge up to (not including) its upper one, the last
// bin both, as numpy.histogram counts them. The range is chosen so that the
// edges are whole µs, exact in both units.
TEST(Histogram, CountsValuesInAnyOrderAsNumpysRule) {
  std::mt19937_64 random(11);
  for (int round = 0; round < 300; ++round) {
    const std::size_t bins = 1 + random() % 40;
    const std::uint64_t width = 1000 * (1 + random() % 5);  // ns per bin
    const std::uint64_t hi = bins * width;
    std::vector<double> values = {0, static_cast<double>(hi)};
    for (std::size_t i = 0; i < bins; ++i) values.push_back(static_cast<double>(i * width));  // every edge
    for (std::size_t n = random() % 500; n > 0; --n) values.push_back(static_cast<double>(random() % (hi + 1)));
    std::shuffle(values.begin(), values.end(), random);
    const Histogram h = make_histogram(values, bins);
    ASSERT_EQ(h.bins.size(), bins);
    std::vector<std::uint64_t> expected(bins, 0);
    for (double v : values) ++expected[std::min<std::size_t>(static_cast<std::size_t>(v) / width, bins - 1)];
    for (std::size_t i = 0; i < bins; ++i) {
      ASSERT_DOUBLE_EQ(h.bins[i].lower_us, static_cast<double>(i * width) / 1000);
      ASSERT_EQ(h.bins[i].count, expected[i]) << "round " << round << ", bin " << i;
    }
  }
}

}  // namespace
}  // namespace trace_summary
