#include "compare/fail_rule.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "base/errors.hpp"
#include "report/span_catalogue.hpp"

namespace trace_summary {
namespace {

std::invalid_argument bad_rule(const std::string& text, const std::string& why) {
  return std::invalid_argument("--fail-if '" + text + "': " + why);
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == sep)
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

bool is_span_key(const std::string& word) {
  for (std::string_view key : catalogue_keys()) {
    if (key == word) return true;
  }
  return false;
}

// "+10%", "-5%", "+200us", "200µs", "3" (count only).
void parse_threshold(const std::string& text, const std::string& value, FailRule& rule) {
  std::string number = value;
  rule.percent = false;
  if (!number.empty() && number.back() == '%') {
    rule.percent = true;
    number.pop_back();
  } else if (number.size() > 2 && number.compare(number.size() - 2, 2, "us") == 0) {
    number.resize(number.size() - 2);
  } else if (number.size() > 3 && number.compare(number.size() - 3, 3, "\xC2\xB5s") == 0) {
    number.resize(number.size() - 3);
  } else if (rule.statistic.kind != Statistic::Kind::Count) {
    throw bad_rule(text, "give the threshold in percent or microseconds, e.g. +10% or +200us");
  }
  const bool digit_first =
      !number.empty() && (std::isdigit(static_cast<unsigned char>(number[0])) || number[0] == '+' || number[0] == '-');
  char* end = nullptr;
  rule.threshold = digit_first ? std::strtod(number.c_str(), &end) : 0;
  if (!digit_first || end != number.c_str() + number.size() || !std::isfinite(rule.threshold)) {
    throw bad_rule(text, "'" + value + "' is not a threshold such as +10% or +200us");
  }
}

bool in_scope(const FailRule& rule, const ModelComparison& m, const RowComparison& row) {
  if (rule.model && *rule.model != "*" && *rule.model != m.name) return false;
  if (rule.span && *rule.span != "*" && *rule.span != row.def->key) return false;
  return true;
}

std::optional<Violation> check(const FailRule& rule, const ModelComparison& m, const RowComparison& row,
                               const CompareOptions& options) {
  const bool count = rule.statistic.kind == Statistic::Kind::Count;
  if (row.presence != Presence::Both || (!count && !row.significant)) return std::nullopt;
  const auto b = side_value(row.base, rule.statistic, options), n = side_value(row.now, rule.statistic, options);
  if (!b || !n) return std::nullopt;
  double change = *n - *b;
  if (rule.percent) {
    change = *b != 0       ? change / *b * 100
             : change == 0 ? 0
                           : std::copysign(std::numeric_limits<double>::infinity(), change);
  }
  const bool broken = rule.slower ? change > rule.threshold : change < rule.threshold;
  if (!broken) return std::nullopt;
  return Violation{&rule, &m, &row, *b, *n, change};
}

}  // namespace

FailRule parse_fail_rule(const std::string& text) {
  FailRule rule;
  rule.text = text;
  std::vector<std::string> parts = split(text, ':');
  const std::string condition = parts.back();
  parts.pop_back();
  if (parts.size() >= 2) {
    rule.span = parts.back();
    parts.pop_back();
    std::string model;
    for (const std::string& p : parts) model += (model.empty() ? "" : ":") + p;
    rule.model = model;
  } else if (parts.size() == 1) {
    (is_span_key(parts[0]) ? rule.span : rule.model) = parts[0];
  }
  if (rule.span && *rule.span != "*" && !is_span_key(*rule.span)) {
    throw bad_rule(text, "'" + *rule.span + "' is not a span key (queue, compute_infer, handler, ...)");
  }
  if (rule.model && rule.model->empty()) throw bad_rule(text, "the model name is empty");
  const std::size_t op = condition.find_first_of("<>");
  if (op == std::string::npos) throw bad_rule(text, "give STATISTIC>THRESHOLD or STATISTIC<THRESHOLD, e.g. p99>+10%");
  const auto statistic = parse_statistic(condition.substr(0, op));
  if (!statistic) {
    throw bad_rule(text, "'" + condition.substr(0, op) + "' is not a statistic (count, mean, max, p50, p99.9, ...)");
  }
  rule.statistic = *statistic;
  rule.slower = condition[op] == '>';
  parse_threshold(text, condition.substr(op + 1), rule);
  return rule;
}

std::vector<Violation> broken_rules(const Comparison& comparison, const std::vector<FailRule>& rules) {
  std::vector<Violation> out;
  for (const FailRule& rule : rules) {
    for (const ModelComparison& m : comparison.models) {
      for (const RowComparison& row : m.rows) {
        if (!in_scope(rule, m, row)) continue;
        if (auto v = check(rule, m, row, comparison.options)) out.push_back(*v);
      }
    }
  }
  return out;
}

std::string describe(const Violation& v) {
  const bool count = v.rule->statistic.kind == Statistic::Kind::Count;
  const std::string unit = count ? "" : "us";
  const std::string change =
      v.rule->percent ? fmt::format("{:+.1f}%", v.change) : fmt::format("{:+.3f}{}", v.change, unit);
  std::string p = v.row->p_adjusted ? fmt::format(", Holm p={:.3g}", *v.row->p_adjusted) : "";
  return fmt::format("rule '{}' broken by {} {} ({}) {}: {} {} ({:.3f}{} -> {:.3f}{}{})", v.rule->text,
                     protocol_name(v.model->protocol), printable(v.model->name), printable(v.model->version),
                     v.row->def->key, v.rule->statistic.name(), change, v.base, unit, v.now, unit, p);
}

}  // namespace trace_summary
