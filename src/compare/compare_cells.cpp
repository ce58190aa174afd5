#include "compare/compare_cells.hpp"

#include <fmt/format.h>

#include "base/errors.hpp"

namespace trace_summary {

std::string value_cell(const std::optional<SideStats>& side, const Statistic& s, const CompareOptions& options) {
  const auto v = side_value(side, s, options);
  if (!v) return "";
  if (s.kind == Statistic::Kind::Count) return fmt::format("{:.0f}", *v);
  return std::abs(*v) < 1e9 ? fmt::format("{:.3f}", *v) : fmt::format("{:.6g}", *v);
}

std::string delta_cell(const RowComparison& row, const Statistic& s, const CompareOptions& options) {
  if (row.presence != Presence::Both) return "";
  if (s.kind != Statistic::Kind::Count && !row.significant) return "~";
  const auto pct = delta_percent(row, s, options);
  if (pct) return fmt::format("{:+.1f}%", *pct);
  const auto abs = delta_absolute(row, s, options);
  if (!abs) return "";
  if (s.kind == Statistic::Kind::Count) return fmt::format("{:+.0f}", *abs);
  return is_count_row(*row.def) ? fmt::format("{:+.3f}", *abs) : fmt::format("{:+.3f}us", *abs);
}

std::string p_cell(const RowComparison& row) { return row.p_adjusted ? fmt::format("{:.3g}", *row.p_adjusted) : ""; }

std::string model_title(const ModelComparison& m) {
  return std::string(protocol_name(m.protocol)) + " " + printable(m.name) + " (" + printable(m.version) + ")";
}

std::string model_counts(const ModelComparison& m) {
  switch (m.presence) {
    case Presence::BaseOnly:
      return fmt::format("only in base ({} traces)", m.base_count);
    case Presence::NewOnly:
      return fmt::format("only in new ({} traces)", m.new_count);
    case Presence::Both:
      break;
  }
  return fmt::format("{} -> {} traces", m.base_count, m.new_count);
}

}  // namespace trace_summary
