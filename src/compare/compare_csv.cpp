// The CSV format of a comparison: one line per model, span and statistic.
#include "compare/compare_renderers.hpp"
#include "pycompat/py_number.hpp"
#include "render/csv_renderer.hpp"

namespace trace_summary {
namespace {

// Shortest round-trip text; counts (and their changes) as integers.
std::string number(const std::optional<double>& v, bool integral = false) {
  if (!v) return "";
  return integral ? std::to_string(static_cast<long long>(*v)) : py_float_repr(*v);
}

void row_lines(const Comparison& c, const ModelComparison& m, const RowComparison& row, Output& out) {
  const std::string prefix = std::string(protocol_name(m.protocol)) + "," + csv_field(m.name) + "," +
                             csv_field(m.version) + "," + std::string(row.def->key) + "," +
                             csv_field(std::string(row.def->label)) + "," + std::to_string(row.def->depth) + "," +
                             presence_name(row.presence) + ",";
  const std::string test = row.test ? py_float_repr(row.test->p_value) + "," + py_float_repr(*row.p_adjusted) + "," +
                                          (row.significant ? "true" : "false")
                                    : std::string(",,");
  for (const Statistic& s : shown_statistics(c.options.percentiles)) {
    const bool count = s.kind == Statistic::Kind::Count;
    out << prefix << s.name() << ',' << number(side_value(row.base, s, c.options), count) << ','
        << number(side_value(row.now, s, c.options), count) << ',' << number(delta_absolute(row, s, c.options), count)
        << ',' << number(delta_percent(row, s, c.options)) << ',' << test << "\r\n";
  }
}

}  // namespace

void write_comparison_csv(const Comparison& c, Output& out) {
  out << "protocol,model,version,span,label,depth,presence,statistic,base,new,delta,delta_percent,p_value,p_adjusted,"
         "significant"
         "\r\n";
  for (const ModelComparison& m : c.models) {
    if (m.rows.empty()) continue;
    for (const RowComparison& row : m.rows) row_lines(c, m, row, out);
  }
}

}  // namespace trace_summary
