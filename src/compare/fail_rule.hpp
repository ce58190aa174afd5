// `--fail-if` rules: [MODEL:][SPAN:]STATISTIC(>|<)THRESHOLD, e.g.
// `p99>+10%`, `queue:mean>+200us`, `resnet50:queue:p99>+10%`,
// `count<-5%`. A rule is broken by a row whose change is significant (for
// count: any change) and beyond the threshold in the rule's direction.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compare/comparison.hpp"
#include "compare/statistic.hpp"

namespace trace_summary {

struct FailRule {
  std::string text;                  ///< as given
  std::optional<std::string> model;  ///< any model when absent
  std::optional<std::string> span;   ///< a catalogue key; any row when absent
  Statistic statistic;
  bool slower = true;    ///< '>': new above base + threshold; '<': below
  double threshold = 0;  ///< signed
  bool percent = true;   ///< threshold in percent of base; else µs (count: traces)
};

/// The rule `text` says, or throws std::invalid_argument with a message
/// that names the rule and what is wrong.
FailRule parse_fail_rule(const std::string& text);

/// One row that breaks one rule.
struct Violation {
  const FailRule* rule = nullptr;
  const ModelComparison* model = nullptr;
  const RowComparison* row = nullptr;
  double base = 0, now = 0;
  double change = 0;  ///< in the rule's unit (percent: inf when base is 0)
};

/// Every (rule, row) pair in which the row breaks the rule, rules in order.
std::vector<Violation> broken_rules(const Comparison& comparison, const std::vector<FailRule>& rules);

/// One line: `rule 'p99>+10%' broken by HTTP resnet50 (1) queue: p99 ...`.
std::string describe(const Violation& v);

}  // namespace trace_summary
