#include "render/table_renderer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "render/top_listing.hpp"

namespace trace_summary {
namespace {

// The unit a model's table is shown in: µs, ms or s, whichever keeps its
// largest value under 10,000.
struct Unit {
  const char* name;
  double micros;
};

Unit unit_for(const ModelReport& model) {
  double largest = 0;
  for (const StatRow& row : model.rows) {
    if (!is_count_row(*row.def)) largest = std::max(largest, std::abs(row.max_us.value_or(0)));
  }
  if (largest < 1e4) return {"us", 1};
  if (largest < 1e7) return {"ms", 1e3};
  return {"s", 1e6};
}

// At most five characters for anything under 10,000: four significant digits.
std::string scaled(const std::optional<double>& micros, const Unit& unit) {
  if (!micros) return "-";
  const double v = *micros / unit.micros;
  const double size = std::abs(v);
  const int decimals = size < 10 ? 3 : size < 100 ? 2 : size < 1000 ? 1 : 0;
  return fmt::format("{:.{}f}", v, decimals);
}

std::string share(double percent) { return fmt::format("{:.1f}%", percent); }

// Python's len(): the span column is padded in code points.
std::size_t text_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string seconds(double s) { return fmt::format("{}", s); }

// The request time per window (start from the report's first span).
std::vector<std::vector<std::string>> window_cells(const ModelReport& model, const Unit& unit) {
  std::vector<std::vector<std::string>> cells = {{"start_s", "requests", "p50", "p99"}};
  for (const TimeWindow& w : model.windows) {
    cells.push_back({seconds(w.start_s), std::to_string(w.count), scaled(w.p50_us, unit), scaled(w.p99_us, unit)});
  }
  return cells;
}

}  // namespace

std::string percentile_name(double p) { return fmt::format("p{}", p); }

void TableSink::file(const FileReport& report) {
  out_ << "File: " << report.display_name() << "\n\n";
  StatsRequest request{true, percentiles_};
  request.window_ns = window_ns_;
  for (Protocol protocol : kProtocols) {
    for (std::size_t m = 0; m < report.model_count(protocol); ++m) model(protocol, report.model(protocol, m, request));
  }
  report.write_dataflow(out_);
  render_top_block(report, top_, out_);
}

void TableSink::model(Protocol protocol, const ModelReport& model) {
  const Unit unit = unit_for(model);
  out_ << protocol_name(protocol) << ' ' << model.name << " (" << model.version << "): " << std::to_string(model.count)
       << " trace" << (model.count == 1 ? "" : "s") << ", times in " << unit.name << '\n';
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> header = {"span", "traces", "mean"};
  for (double p : percentiles_) header.push_back(percentile_name(p));
  header.push_back("max");
  header.push_back("share");
  cells.push_back(header);
  for (const StatRow& row : model.rows) {
    const Unit row_unit = is_count_row(*row.def) ? Unit{"", 1} : unit;  // responses are counted, not timed
    std::vector<std::string> line = {
        std::string(2 * static_cast<std::size_t>(row.def->depth), ' ') + std::string(row.def->label),
        std::to_string(row.traces), scaled(row.mean_us, row_unit)};
    for (std::size_t i = 0; i < percentiles_.size(); ++i) {
      line.push_back(i < row.percentiles_us.size() ? scaled(row.percentiles_us[i], row_unit) : "-");
    }
    line.push_back(scaled(row.max_us, row_unit));
    line.push_back(is_stream_row(*row.def) ? "-" : share(row.share_percent));
    cells.push_back(line);
  }
  aligned(cells);
  if (window_ns_ > 0) {
    out_ << "Request time per " << seconds(static_cast<double>(window_ns_) / 1e9) << " s window, in " << unit.name
         << ":\n";
    aligned(window_cells(model, unit));
  }
  out_ << '\n';
}

// Columns: the first left-aligned, the others right-aligned.
void TableSink::aligned(const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::size_t> width(cells.front().size(), 0);
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
}

}  // namespace trace_summary
