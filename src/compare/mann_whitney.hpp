// The two-sided Mann-Whitney U test, as scipy.stats.mannwhitneyu(x, y,
// alternative='two-sided') computes it with its default method 'auto':
// the exact distribution of U when a sample has at most 8 values and there
// are no ties, otherwise the normal approximation with the tie correction
// and the continuity correction.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace trace_summary {

enum class MwuMethod : std::uint8_t { Auto, Exact, Asymptotic };

struct MannWhitney {
  double u1 = 0;                             ///< U of the first sample: its rank sum minus n1(n1+1)/2
  double p_value = 1;                        ///< two-sided
  MwuMethod method = MwuMethod::Asymptotic;  ///< the one used (never Auto)
};

/// The test of `x` against `y`, both sorted ascending. nullopt when either
/// is empty (scipy answers NaN). `method` forces one as scipy's `method=`.
std::optional<MannWhitney> mann_whitney_u(const std::vector<double>& x, const std::vector<double>& y,
                                          MwuMethod method = MwuMethod::Auto);

/// P(U >= u) for samples of m and n values without ties: the exact
/// distribution, scipy's `_mwu_state.sf(u, m, n)`.
double mann_whitney_exact_sf(double u, std::uint64_t m, std::uint64_t n);

}  // namespace trace_summary
