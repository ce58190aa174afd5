#include "render/table_renderer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace trace_summary {
namespace {

std::string fixed3(double v) { return fmt::format("{:.3f}", v); }

std::string optional3(const std::optional<double>& v) { return v ? fixed3(*v) : "-"; }

std::string share(double percent) { return fmt::format("{:.1f}%", percent); }

// Python's len(): the span column is padded in code points.
std::size_t text_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string percentile_name(double p) { return fmt::format("p{}", p); }

void TableSink::file(const FileReport& report) {
  out_ << "File: " << report.display_name() << "\n\n";
  const StatsRequest request{true, percentiles_};
  for (Protocol protocol : kProtocols) {
    for (std::size_t m = 0; m < report.model_count(protocol); ++m) model(protocol, report.model(protocol, m, request));
  }
}

void TableSink::model(Protocol protocol, const ModelReport& model) {
  out_ << protocol_name(protocol) << ' ' << model.name << " (" << model.version << "): " << std::to_string(model.count)
       << " trace" << (model.count == 1 ? "" : "s") << '\n';
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header = {"span", "count", "avg", "min"};
  for (double p : percentiles_) header.push_back(percentile_name(p));
  header.push_back("max");
  header.push_back("share");
  cells.push_back(header);
  for (const StatRow& row : model.rows) {
    std::vector<std::string> line = {
        std::string(2 * static_cast<std::size_t>(row.def->depth), ' ') + std::string(row.def->label),
        std::to_string(row.traces), fixed3(row.avg_us), optional3(row.min_us)};
    for (std::size_t i = 0; i < percentiles_.size(); ++i) {
      line.push_back(i < row.percentiles_us.size() ? fixed3(row.percentiles_us[i]) : "-");
    }
    line.push_back(optional3(row.max_us));
    line.push_back(share(row.share_percent));
    cells.push_back(line);
  }
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], text_width(line[c]));
  }
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::string pad(width[c] - text_width(line[c]), ' ');
      text += c == 0 ? line[c] + pad : "  " + pad + line[c];  // the span left, numbers right
    }
    out_ << text << '\n';
  }
  out_ << '\n';
}

}  // namespace trace_summary
