#include "render/top_listing.hpp"

#include <fmt/format.h>

namespace trace_summary {

void render_top_block(const FileReport& report, const RequestSelection& selection, Output& out) {
  if (selection.top == 0) return;
  const std::vector<RankedTrace> top = top_traces(report, selection.top, selection.key);
  out << "Top " << std::to_string(selection.top) << (selection.top == 1 ? " request" : " requests") << " by "
      << selection.key.name() << " (" << std::to_string(top.size()) << " found):\n";
  for (std::size_t i = 0; i < top.size(); ++i) {
    const TraceView& t = top[i].trace;
    out << '#' << std::to_string(i + 1) << " trace " << wide_int_to_string(t.id) << ", " << protocol_name(t.protocol)
        << ", " << t.model_name << " (" << t.model_version << ")";
    if (t.parent_id) out << ", parent " << wide_int_to_string(*t.parent_id);
    out << '\n';
    for (const SpanDef* def : catalogue_rows(t.protocol, report.compat())) {
      const auto value = trace_row_value(*def, t);
      if (!value) continue;
      out << std::string(static_cast<std::size_t>(def->depth) + 1, '\t') << def->label << ": "
          << (is_count_row(*def) ? wide_int_to_string(*value) : fmt::format("{:.3f}us", exact_ratio(*value, 1000)))
          << '\n';
    }
  }
}

}  // namespace trace_summary
