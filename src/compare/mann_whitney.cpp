#include "compare/mann_whitney.hpp"

#include <algorithm>
#include <cmath>

namespace trace_summary {
namespace {

// The ranks of the merged samples, walked once: the rank sum of x and the
// tie term sum(t^3 - t) over groups of equal values.
struct RankWalk {
  double rank_sum_x = 0;
  double tie_term = 0;
  bool ties = false;
};

RankWalk walk_ranks(const std::vector<double>& x, const std::vector<double>& y) {
  RankWalk walk;
  std::size_t i = 0, j = 0;
  double position = 0;  // values ranked so far
  while (i < x.size() || j < y.size()) {
    const double v = j == y.size() || (i < x.size() && x[i] <= y[j]) ? x[i] : y[j];
    std::size_t in_x = 0, in_y = 0;
    while (i < x.size() && x[i] == v) ++i, ++in_x;
    while (j < y.size() && y[j] == v) ++j, ++in_y;
    const double t = static_cast<double>(in_x + in_y);
    walk.rank_sum_x += static_cast<double>(in_x) * (position + (t + 1) / 2);
    walk.tie_term += t * t * t - t;
    walk.ties = walk.ties || t > 1;
    position += t;
  }
  return walk;
}

// Normal approximation with tie and continuity corrections, two-sided.
double asymptotic_p(double u, double n1, double n2, double tie_term) {
  const double mu = n1 * n2 / 2;
  const double n = n1 + n2;
  const double s = std::sqrt(n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1))));
  if (!(s > 0)) return 1;  // every value equal: scipy's z is -inf, p clipped to 1
  const double z = (u - mu - 0.5) / s;
  return 2 * (0.5 * std::erfc(z / std::sqrt(2.0)));
}

}  // namespace

double mann_whitney_exact_sf(double u, std::uint64_t m, std::uint64_t n) {
  if (m > n) std::swap(m, n);
  // The number of ways to reach each U is a coefficient of the Gaussian
  // binomial [m+n choose m](q) = prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i).
  const std::size_t degree = static_cast<std::size_t>(m * n);
  std::vector<long double> ways(degree + 1, 0);
  ways[0] = 1;
  for (std::uint64_t i = 1; i <= m; ++i) {
    const std::size_t top = static_cast<std::size_t>(i * n);
    const std::size_t shift = static_cast<std::size_t>(n + i);
    for (std::size_t k = top; k >= shift && k <= top; --k) ways[k] -= ways[k - shift];
    for (std::size_t k = static_cast<std::size_t>(i); k <= top; ++k) ways[k] += ways[k - i];
  }
  // By symmetry P(U >= u) = P(U <= mn - u).
  const double k = static_cast<double>(degree) - u;
  if (k < 0) return 0;
  long double below = 0, total = 0;
  for (std::size_t v = 0; v <= degree; ++v) {
    total += ways[v];
    if (static_cast<double>(v) <= k) below += ways[v];
  }
  return static_cast<double>(below / total);
}

std::optional<MannWhitney> mann_whitney_u(const std::vector<double>& x, const std::vector<double>& y,
                                          MwuMethod method) {
  if (x.empty() || y.empty()) return std::nullopt;
  const double n1 = static_cast<double>(x.size()), n2 = static_cast<double>(y.size());
  const RankWalk walk = walk_ranks(x, y);
  MannWhitney result;
  result.u1 = walk.rank_sum_x - n1 * (n1 + 1) / 2;
  const double u = std::max(result.u1, n1 * n2 - result.u1);
  if (method == MwuMethod::Auto) {
    const bool small = x.size() <= 8 || y.size() <= 8;
    method = small && !walk.ties ? MwuMethod::Exact : MwuMethod::Asymptotic;
  }
  result.method = method;
  const double p = method == MwuMethod::Exact ? 2 * mann_whitney_exact_sf(u, x.size(), y.size())
                                              : asymptotic_p(u, n1, n2, walk.tie_term);
  result.p_value = std::clamp(p, 0.0, 1.0);
  return result;
}

}  // namespace trace_summary
