// The text and Markdown formats of a comparison.
#include <fmt/format.h>

#include "base/errors.hpp"
#include "compare/compare_cells.hpp"
#include "compare/compare_renderers.hpp"

namespace trace_summary {
namespace {

// span 20, stat 5, base 13, new 13, delta 10, p-value 9: 75 columns.
constexpr const char* kLine = "{:<20} {:<5} {:>13} {:>13} {:>10} {:>9}";

// One line of the table, without the spaces of empty cells at its end.
std::string table_line(const std::string& span, const std::string& stat, const std::string& base,
                       const std::string& now, const std::string& delta, const std::string& p) {
  std::string line = fmt::format(kLine, span, stat, base, now, delta, p);
  line.erase(line.find_last_not_of(' ') + 1);
  return line + '\n';
}

std::string indented_label(const SpanDef& def) { return std::string(2 * def.depth, ' ') + std::string(def.label); }

std::size_t tested_rows(const Comparison& c) {
  std::size_t n = 0;
  for (const ModelComparison& m : c.models) {
    for (const RowComparison& row : m.rows) n += row.test.has_value();
  }
  return n;
}

// Two lines of at most 80 columns.
std::string legend(const Comparison& c) {
  return fmt::format(
      "two-sided Mann-Whitney U test per span; p: Holm-adjusted over the {} tests\n"
      "~: p >= {} (no significant change)",
      tested_rows(c), c.options.alpha);
}

void text_rows(const Comparison& c, const ModelComparison& m, Output& out) {
  const std::vector<Statistic> stats = shown_statistics(c.options.percentiles);
  out << table_line("span", "stat", "base", "new", "delta", "p (Holm)");
  for (const RowComparison& row : m.rows) {
    const std::string label = indented_label(*row.def);
    if (row.presence != Presence::Both) {
      out << fmt::format("{:<20} only in {}\n", label, presence_name(row.presence));
      continue;
    }
    for (std::size_t s = 0; s < stats.size(); ++s) {
      out << table_line(s == 0 ? label : "", stats[s].name(), value_cell(row.base, stats[s], c.options),
                        value_cell(row.now, stats[s], c.options), delta_cell(row, stats[s], c.options),
                        s == 0 ? p_cell(row) : "");
    }
  }
}

std::string markdown_escape(const std::string& text) {
  std::string out;
  for (char c : printable(text)) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

void markdown_rows(const Comparison& c, const ModelComparison& m, Output& out) {
  const std::vector<Statistic> stats = shown_statistics(c.options.percentiles);
  out << "| span | stat | base | new | delta | p (Holm) |\n|:--|:--|--:|--:|--:|--:|\n";
  for (const RowComparison& row : m.rows) {
    const std::string label = std::string(row.def->label) + " (`" + std::string(row.def->key) + "`)";
    if (row.presence != Presence::Both) {
      out << fmt::format("| {} | only in {} | | | | |\n", label, presence_name(row.presence));
      continue;
    }
    for (std::size_t s = 0; s < stats.size(); ++s) {
      const std::string delta = delta_cell(row, stats[s], c.options);
      const bool changed = !delta.empty() && delta != "~" && stats[s].kind != Statistic::Kind::Count;
      out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", s == 0 ? label : "", stats[s].name(),
                         value_cell(row.base, stats[s], c.options), value_cell(row.now, stats[s], c.options),
                         changed ? "**" + delta + "**" : delta, s == 0 ? p_cell(row) : "");
    }
  }
}

}  // namespace

void write_comparison_text(const Comparison& c, Output& out) {
  out << "Base: " << printable(c.base_name) << "\nNew:  " << printable(c.new_name) << '\n' << legend(c) << '\n';
  for (const ModelComparison& m : c.models) {
    out << '\n' << model_title(m) << ": " << model_counts(m) << '\n';
    if (m.presence == Presence::Both) text_rows(c, m, out);
  }
}

void write_comparison_markdown(const Comparison& c, const std::vector<Violation>& broken, Output& out) {
  out << "## trace_summary compare\n\nBase: " << markdown_escape(c.base_name)
      << "  \nNew: " << markdown_escape(c.new_name) << "  \n"
      << legend(c) << ". Values in µs.\n";
  if (!broken.empty()) {
    out << "\n**Broken rules:**\n\n";
    for (const Violation& v : broken) out << "- " << markdown_escape(describe(v)) << '\n';
  }
  for (const ModelComparison& m : c.models) {
    out << "\n### " << markdown_escape(model_title(m)) << ": " << model_counts(m) << "\n\n";
    if (m.presence == Presence::Both) markdown_rows(c, m, out);
  }
}

void write_comparison(const std::string& format, const Comparison& c, const std::vector<Violation>& broken,
                      Output& out) {
  if (format == "markdown") return write_comparison_markdown(c, broken, out);
  if (format == "json") return write_comparison_json(c, broken, out);
  if (format == "csv") return write_comparison_csv(c, out);
  write_comparison_text(c, out);
}

}  // namespace trace_summary
