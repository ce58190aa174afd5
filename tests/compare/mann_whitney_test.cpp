// The Mann-Whitney U test on cases worked out by hand (scipy's agreement on
// many more is checked by scipy-mannwhitneyu-test).
#include <gtest/gtest.h>

#include <cmath>

#include "compare/mann_whitney.hpp"

namespace trace_summary {
namespace {

TEST(MannWhitney, ExactForSmallSamplesWithoutTies) {
  // x entirely below y, 2 and 2: U1 = 0, P(U <= 0) = 1 / C(4, 2); two-sided 1/3.
  const auto r = mann_whitney_u({1, 2}, {3, 4});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, MwuMethod::Exact);
  EXPECT_DOUBLE_EQ(r->u1, 0);
  EXPECT_NEAR(r->p_value, 1.0 / 3, 1e-15);
  // The exact distribution of 3 and 4 values: P(U >= 9) = P(U <= 3) = 7 / 35.
  EXPECT_NEAR(mann_whitney_exact_sf(9, 3, 4), 0.2, 1e-15);
  EXPECT_NEAR(mann_whitney_exact_sf(0, 3, 4), 1, 1e-15);
}

TEST(MannWhitney, AsymptoticWithTiesAndContinuity) {
  // x = {1, 2, 2}, y = {2, 3, 3, 3, 3, 4, 5, 6, 7}: x's ranks 1, 3, 3 (the three 2s share
  // ranks 2-4), R1 = 7, U1 = 1, U = 27 - 1 = 26, mu = 13.5; tied groups of 3 and 4.
  const auto r = mann_whitney_u({1, 2, 2}, {2, 3, 3, 3, 3, 4, 5, 6, 7});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->method, MwuMethod::Asymptotic);
  EXPECT_DOUBLE_EQ(r->u1, 1);
  const double tie = (27 - 3) + (64 - 4);
  const double s = std::sqrt(3.0 * 9 / 12 * (13 - tie / (12 * 11)));
  const double z = (26 - 13.5 - 0.5) / s;
  EXPECT_NEAR(r->p_value, std::erfc(z / std::sqrt(2.0)), 1e-15);
}

TEST(MannWhitney, EqualValuesAndEmptySamples) {
  EXPECT_DOUBLE_EQ(mann_whitney_u({5, 5, 5}, {5, 5})->p_value, 1);
  EXPECT_FALSE(mann_whitney_u({}, {1}));
  EXPECT_FALSE(mann_whitney_u({1}, {}));
}

}  // namespace
}  // namespace trace_summary
