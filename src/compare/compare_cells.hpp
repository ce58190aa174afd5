// The text of a comparison's cells, shared by the text table and Markdown:
// values, changes (or "~" when not significant) and p-values.
#pragma once

#include <string>

#include "compare/comparison.hpp"

namespace trace_summary {

/// A statistic's value: traces for count, µs with three decimals otherwise
/// ("" when absent).
std::string value_cell(const std::optional<SideStats>& side, const Statistic& s, const CompareOptions& options);

/// The change in percent ("+12.3%"), "~" when the row's change is not
/// significant (count: always shown), "" when a side lacks the row.
std::string delta_cell(const RowComparison& row, const Statistic& s, const CompareOptions& options);

/// The Holm-adjusted p-value with three significant digits, "" when there
/// is no test.
std::string p_cell(const RowComparison& row);

/// "HTTP resnet50 (1)": the model's heading (names made printable).
std::string model_title(const ModelComparison& m);

/// "1000 -> 1200 traces", or "only in base (1000 traces)".
std::string model_counts(const ModelComparison& m);

}  // namespace trace_summary
