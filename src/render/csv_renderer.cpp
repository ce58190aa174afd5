#include "render/csv_renderer.hpp"

#include "pycompat/py_number.hpp"
#include "render/table_renderer.hpp"

namespace trace_summary {
namespace {

// Shortest round-trip text of a double: what a parser reads back exactly.
std::string number(double v) { return py_float_repr(v); }

std::string optional_number(const std::optional<double>& v) { return v ? number(*v) : ""; }

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void render_csv_header(const std::vector<double>& percentiles, Output& out) {
  out << "file,protocol,model,version,span,label,depth,count,traces,avg_us,min_us";
  for (double p : percentiles) out << ',' << percentile_name(p) << "_us";
  out << ",max_us,share_percent\r\n";
}

void render_csv(const TraceSet& set, const std::string& display_name, const std::vector<PassRows>& passes,
                const std::vector<double>& percentiles, Output& out) {
  for (const PassRows& pass : passes) {
    for (const ModelRows& model : pass.models) {
      const std::string prefix = csv_field(display_name) + "," + protocol_name(pass.protocol) + "," +
                                 csv_field(set.values[model.model_name].text) + "," +
                                 csv_field(set.values[model.model_version].text) + ",";
      for (const SpanRow& row : model.rows) {
        out << prefix << row.key << ',' << csv_field(row.label) << ',' << std::to_string(row.depth) << ','
            << std::to_string(model.count) << ',' << std::to_string(row.traces) << ',' << number(row.avg_us) << ','
            << optional_number(row.min_us);
        for (std::size_t i = 0; i < percentiles.size(); ++i) {
          out << ',' << (i < row.percentiles_us.size() ? number(row.percentiles_us[i]) : "");
        }
        out << ',' << optional_number(row.max_us) << ',' << number(row.share_percent) << "\r\n";
      }
    }
  }
}

}  // namespace trace_summary
