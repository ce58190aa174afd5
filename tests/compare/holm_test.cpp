// Holm's correction: a case worked out by hand, and the adjusted p-values
// against the step-down procedure as Holm (1979) states it.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "compare/comparison.hpp"
#include "compare/holm.hpp"
#include "compare_test_support.hpp"

namespace trace_summary {
namespace {

TEST(Holm, WorkedByHand) {
  // Sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04
  // (raised to the running maximum 0.06); back in the input's order.
  const std::vector<double> adjusted = holm_adjusted({0.01, 0.04, 0.03, 0.005});
  ASSERT_EQ(adjusted.size(), 4u);
  EXPECT_DOUBLE_EQ(adjusted[0], 0.03);
  EXPECT_DOUBLE_EQ(adjusted[1], 0.06);
  EXPECT_DOUBLE_EQ(adjusted[2], 0.06);
  EXPECT_DOUBLE_EQ(adjusted[3], 0.02);
}

TEST(Holm, CappedAtOneAndEmptyIsEmpty) {
  EXPECT_EQ(holm_adjusted({0.5, 0.9, 0.7}), (std::vector<double>{1, 1, 1}));
  EXPECT_TRUE(holm_adjusted({}).empty());
  EXPECT_EQ(holm_adjusted({0.2}), (std::vector<double>{0.2}));
}

// Holm's procedure: sort ascending; reject p(1), p(2), ... while
// p(k) <= alpha / (m - k + 1); stop at the first that is not. Adjusted
// p-values below alpha must reject exactly those.
std::vector<bool> step_down(const std::vector<double>& p, double alpha) {
  std::vector<std::size_t> order(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<bool> rejected(p.size(), false);
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (!(p[order[k]] < alpha / static_cast<double>(p.size() - k))) break;
    rejected[order[k]] = true;
  }
  return rejected;
}

TEST(Holm, AgreesWithTheStepDownProcedure) {
  std::mt19937_64 rng(18);
  std::uniform_real_distribution<double> tiny(0, 0.01), any(0, 1);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<double> p(1 + trial % 40);
    for (double& v : p) v = trial % 3 == 0 ? any(rng) : tiny(rng);
    const std::vector<double> adjusted = holm_adjusted(p);
    for (const double alpha : {0.05, 0.01, 0.001}) {
      const std::vector<bool> want = step_down(p, alpha);
      for (std::size_t i = 0; i < p.size(); ++i) {
        EXPECT_EQ(adjusted[i] < alpha, want[i]) << "trial " << trial << " alpha " << alpha << " p " << p[i];
        EXPECT_GE(adjusted[i], p[i]);
      }
    }
  }
}

// In a comparison, the family is every tested row of every model: a row
// whose own p-value is below alpha is not flagged when the correction over
// all rows lifts it above.
TEST(Holm, AComparisonCorrectsOverAllItsTestedRows) {
  // Queues 10..14 µs against 13.5..17.5 µs: U1 = 1 of 25, two-sided exact
  // p = 2 * 2 / C(10, 5) = 0.0159 alone, below 0.05; the handler moves with
  // it, the other rows are constant (p = 1).
  std::vector<testing::Request> base, now;
  for (int i = 0; i < 5; ++i) {
    base.push_back({"m", 10000 + 1000 * i});
    now.push_back({"m", 13500 + 1000 * i});
  }
  const Comparison c = testing::compare_runs(base, now);
  const RowComparison& queue = testing::row_of(c, "m", "queue");
  ASSERT_TRUE(queue.test && queue.p_adjusted);
  EXPECT_NEAR(queue.test->p_value, 4.0 / 252, 1e-12);
  std::vector<double> raw;
  for (const ModelComparison& m : c.models) {
    for (const RowComparison& row : m.rows) {
      EXPECT_EQ(row.test.has_value(), row.p_adjusted.has_value());
      if (row.test) raw.push_back(row.test->p_value);
    }
  }
  // m tested rows, two of them (queue, handler) at 4/252: Holm's smallest
  // adjusted value is m x 4/252, above 0.05 once m >= 4.
  ASSERT_GE(raw.size(), 4u);
  EXPECT_NEAR(*queue.p_adjusted, std::min(1.0, static_cast<double>(raw.size()) * 4.0 / 252), 1e-12);
  EXPECT_FALSE(queue.significant);
}

}  // namespace
}  // namespace trace_summary
