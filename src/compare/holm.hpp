// Holm's step-down correction for testing many rows at once. A comparison
// tests every span of every model (a hundred rows is common); tested one by
// one at alpha, a pair of runs from one distribution would flag some row
// nearly always. Holm (1979) keeps the family-wise error rate, the chance
// that any row of the comparison is flagged when nothing changed, at or
// below alpha whatever the dependence between the rows (the spans of one
// model are correlated, so a correction that assumes independence, such as
// Sidak's, would not hold), and rejects at least what Bonferroni rejects.
#pragma once

#include <vector>

namespace trace_summary {

/// Holm-adjusted p-values, in the order of `p_values`: with p(1) <= ... <=
/// p(m) sorted, the adjusted p(i) is max over j <= i of min(1, (m - j + 1) p(j)).
/// Rejecting the rows whose adjusted p-value is below alpha is Holm's
/// procedure at level alpha (R's p.adjust(p, "holm")).
std::vector<double> holm_adjusted(const std::vector<double>& p_values);

}  // namespace trace_summary
