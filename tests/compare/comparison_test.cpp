// The comparison model on hand-built runs: statistics and changes worked out
// here by hand (numpy's linear percentiles), presence of models and rows.
#include <gtest/gtest.h>

#include "compare/comparison.hpp"
#include "compare_test_support.hpp"

namespace trace_summary {
namespace {

using testing::compare_runs;
using testing::row_of;

const Statistic kCount{Statistic::Kind::Count, 0}, kMean{Statistic::Kind::Mean, 0},
    kP90{Statistic::Kind::Percentile, 90}, kMax{Statistic::Kind::Max, 0};

TEST(Comparison, StatisticsAndChangesOfARow) {
  // Queues of 10, 20, 30 µs against 15, 25, 35, 45 µs.
  const Comparison c = compare_runs({{"m", 10000}, {"m", 20000}, {"m", 30000}},
                                    {{"m", 15000}, {"m", 25000}, {"m", 35000}, {"m", 45000}});
  const RowComparison& queue = row_of(c, "m", "queue");
  ASSERT_EQ(queue.presence, Presence::Both);
  EXPECT_EQ(queue.base->count, 3u);
  EXPECT_EQ(queue.now->count, 4u);
  EXPECT_DOUBLE_EQ(queue.base->mean_us, 20);
  EXPECT_DOUBLE_EQ(queue.now->mean_us, 30);
  // p90: index 0.9 * 2 = 1.8 -> 20 + 0.8 * 10; index 0.9 * 3 = 2.7 -> 35 + 0.7 * 10.
  EXPECT_DOUBLE_EQ(queue.base->percentiles_us[1], 28);
  EXPECT_DOUBLE_EQ(queue.now->percentiles_us[1], 42);
  EXPECT_DOUBLE_EQ(*delta_percent(queue, kMean, c.options), 50);
  EXPECT_DOUBLE_EQ(*delta_percent(queue, kP90, c.options), 50);
  EXPECT_NEAR(*delta_percent(queue, kCount, c.options), 100.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(*delta_absolute(queue, kMax, c.options), 15);
  // Ranks 1, 3, 5 of 7: U1 = 9 - 6 = 3, U = 9; exact: P(U <= 3) = 7 / 35.
  ASSERT_TRUE(queue.test);
  EXPECT_EQ(queue.test->method, MwuMethod::Exact);
  EXPECT_DOUBLE_EQ(queue.test->u1, 3);
  EXPECT_NEAR(queue.test->p_value, 0.4, 1e-12);
  EXPECT_FALSE(queue.significant);
  // Compute is 100 µs everywhere: no change, p = 1 (exact: every ordering of ties is skipped by auto).
  const RowComparison& compute = row_of(c, "m", "compute");
  EXPECT_DOUBLE_EQ(*delta_percent(compute, kMean, c.options), 0);
  EXPECT_FALSE(compute.significant);
}

TEST(Comparison, ASignificantShiftIsFlaggedAtAlpha) {
  std::vector<testing::Request> base, now;
  for (int i = 0; i < 30; ++i) {
    base.push_back({"m", 10000 + 100 * i});
    now.push_back({"m", 20000 + 100 * i});
  }
  CompareOptions options;
  const Comparison c = compare_runs(base, now, options);
  EXPECT_TRUE(row_of(c, "m", "queue").significant);
  EXPECT_TRUE(row_of(c, "m", "handler").significant);
  EXPECT_FALSE(row_of(c, "m", "compute").significant);
  EXPECT_FALSE(row_of(c, "m", "http_receive").significant);
}

TEST(Comparison, ModelsOnOneSideAreListedAsSuch) {
  const Comparison c = compare_runs({{"a", 1000}, {"both", 1000}}, {{"both", 2000}, {"b", 1000}});
  ASSERT_EQ(c.models.size(), 3u);
  EXPECT_EQ(c.models[0].name, "a");
  EXPECT_EQ(c.models[0].presence, Presence::BaseOnly);
  EXPECT_EQ(c.models[1].name, "both");
  EXPECT_EQ(c.models[1].presence, Presence::Both);
  EXPECT_EQ(c.models[2].name, "b");
  EXPECT_EQ(c.models[2].presence, Presence::NewOnly);
  EXPECT_EQ(c.models[2].base_count, 0u);
  EXPECT_EQ(c.models[2].new_count, 1u);
  for (const RowComparison& r : c.models[0].rows) {
    EXPECT_EQ(r.presence, Presence::BaseOnly);
    EXPECT_FALSE(r.test);
  }
}

}  // namespace
}  // namespace trace_summary
