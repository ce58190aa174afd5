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

void CsvSink::begin() {
  if (window_ns_ > 0) {
    out_ << "file,protocol,model,version,window_start_s,count,p50_us,p99_us\r\n";
    return;
  }
  out_ << "file,protocol,model,version,span,label,depth,count,traces,avg_us,mean_us,min_us";
  for (double p : percentiles_) out_ << ',' << percentile_name(p) << "_us";
  out_ << ",max_us,share_percent\r\n";
}

void CsvSink::file(const FileReport& report) {
  StatsRequest request{window_ns_ == 0, percentiles_};
  request.window_ns = window_ns_;
  for (Protocol protocol : kProtocols) {
    for (std::size_t m = 0; m < report.model_count(protocol); ++m) {
      const ModelReport model = report.model(protocol, m, request);
      const std::string prefix = csv_field(report.display_name()) + "," + protocol_name(protocol) + "," +
                                 csv_field(model.name) + "," + csv_field(model.version) + ",";
      if (window_ns_ > 0) {
        windows(prefix, model);
        continue;
      }
      for (const StatRow& r : model.rows) row(prefix, model.count, r);
    }
  }
}

void CsvSink::windows(const std::string& prefix, const ModelReport& model) {
  for (const TimeWindow& w : model.windows) {
    out_ << prefix << number(w.start_s) << ',' << std::to_string(w.count) << ',' << number(w.p50_us) << ','
         << number(w.p99_us) << "\r\n";
  }
}

void CsvSink::row(const std::string& prefix, std::uint64_t count, const StatRow& row) {
  out_ << prefix << row.def->key << ',' << csv_field(std::string(row.def->label)) << ','
       << std::to_string(row.def->depth) << ',' << std::to_string(count) << ',' << std::to_string(row.traces) << ','
       << number(row.avg_us) << ',' << optional_number(row.mean_us) << ',' << optional_number(row.min_us);
  for (std::size_t i = 0; i < percentiles_.size(); ++i) {
    out_ << ',' << (i < row.percentiles_us.size() ? number(row.percentiles_us[i]) : "");
  }
  out_ << ',' << optional_number(row.max_us) << ',' << number(row.share_percent) << "\r\n";
}

}  // namespace trace_summary
