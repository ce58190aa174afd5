// select_percentiles against percentile() of the fully sorted values (which
// the Percentiles tests hold to numpy): the same numbers, bit for bit, on
// values with many ties and none, of every size from 1.
#include "engine/percentiles.hpp"

#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace trace_summary {
namespace {

void expect_same_as_sorting(std::vector<double> values, const std::vector<double>& ps) {
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const Selected selected = select_percentiles(values, ps);
  EXPECT_EQ(selected.min, sorted.front());
  EXPECT_EQ(selected.max, sorted.back());
  ASSERT_EQ(selected.percentiles.size(), ps.size());
  for (std::size_t k = 0; k < ps.size(); ++k) {
    EXPECT_EQ(selected.percentiles[k], percentile(sorted, ps[k])) << "n " << sorted.size() << " p " << ps[k];
  }
}

TEST(SelectPercentiles, EqualSortingForEverySizeAndSpread) {
  std::mt19937_64 random(42);
  const std::vector<double> ps = {99, 50, 0, 100, 90, 99.9, 0.001, 25, 50};  // any order, repeats
  for (std::size_t n = 1; n <= 300; ++n) {
    for (std::uint64_t spread : {3ull, 1000ull, 1ull << 40}) {
      std::vector<double> values;
      for (std::size_t i = 0; i < n; ++i) values.push_back(static_cast<double>(random() % spread));
      expect_same_as_sorting(values, ps);
    }
  }
}

TEST(SelectPercentiles, LargeAndSortedInputs) {
  std::vector<double> ascending, descending;
  for (int i = 0; i < 100000; ++i) {
    ascending.push_back(i * 1000.0);
    descending.push_back((100000 - i) * 7.0);
  }
  expect_same_as_sorting(ascending, {50, 90, 99});
  expect_same_as_sorting(descending, {50, 90, 99, 99.99});
  expect_same_as_sorting({5}, {0, 50, 100});
  expect_same_as_sorting({5, 5}, {});
}

}  // namespace
}  // namespace trace_summary
