#include "render/svg_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pycompat/py_number.hpp"

namespace trace_summary {
namespace {

// Okabe & Ito (2008), "Color Universal Design".
constexpr const char* kSkyBlue = "#56B4E9";
constexpr const char* kOrange = "#E69F00";
constexpr const char* kGreen = "#009E73";
constexpr const char* kYellow = "#F0E442";
constexpr const char* kBlue = "#0072B2";
constexpr const char* kVermillion = "#D55E00";
constexpr const char* kPurple = "#CC79A7";
constexpr const char* kGrey = "#8C8C8C";

std::string coordinate(double v) { return fmt::format("{:.1f}", v); }

// Where a value falls on an axis from `lo` to `hi`: 0 to 1.
class Scale {
 public:
  Scale(double lo, double hi, bool log_scale) : lo_(lo), hi_(hi), log_(log_scale && lo > 0) {}
  double at(double v) const {
    if (hi_ <= lo_) return 0.5;
    const double f =
        log_ ? (std::log(std::max(v, lo_)) - std::log(lo_)) / (std::log(hi_) - std::log(lo_)) : (v - lo_) / (hi_ - lo_);
    return std::clamp(f, 0.0, 1.0);
  }
  bool log_scale() const { return log_; }

 private:
  double lo_, hi_;
  bool log_;
};

std::string svg_open(int width, int height, const std::string& label) {
  return fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" preserveAspectRatio=\"xMinYMin meet\">"
      "<title>{}</title>",
      width, height, html_text(label), html_text(label));
}

bool is_tail(const Segment& s) {
  const std::string_view key = s.def->key;
  return s.def->depth == 1 && (key.size() >= 5 && (key.substr(key.size() - 5) == "_send" || !s.def->measured));
}

std::string text_at(double x, double y, const std::string& anchor, const std::string& text) {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>", coordinate(x), coordinate(y), anchor,
                     html_text(text));
}

// The points of the scatter as one path: a round dot per point.
std::string points_path(const std::vector<TimePoint>& points, const Scale& x, const Scale& y, double left, double width,
                        double top, double height) {
  std::string d;
  for (const TimePoint& p : points) {
    d += "M" + coordinate(left + x.at(p.start_s) * width) + " " + coordinate(top + (1 - y.at(p.value_us)) * height) +
         "h0";
  }
  return fmt::format(
      "<path class=\"points\" data-points=\"{}\" d=\"{}\" stroke=\"{}\" stroke-width=\"3\" stroke-linecap=\"round\" "
      "stroke-opacity=\"0.45\" fill=\"none\"/>",
      points.size(), d, kSkyBlue);
}

// A step per window: a level line across the window at its value.
std::string window_steps(const std::vector<TimeWindow>& windows, double TimeWindow::*field, double width_s,
                         const Scale& x, const Scale& y, double left, double width, double top, double height) {
  std::string d;
  for (const TimeWindow& w : windows) {
    d += "M" + coordinate(left + x.at(w.start_s) * width) + " " + coordinate(top + (1 - y.at(w.*field)) * height) +
         "H" + coordinate(left + x.at(w.start_s + width_s) * width);
  }
  return d;
}

}  // namespace

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string exact(double value) { return py_float_repr(value); }

std::string shown_time(double micros) {
  const double size = std::abs(micros);
  if (size < 1e3) return fmt::format("{:.4g} µs", micros);
  if (size < 1e6) return fmt::format("{:.4g} ms", micros / 1e3);
  return fmt::format("{:.4g} s", micros / 1e6);
}

const char* colour_of(std::string_view key) {
  if (key == "http_receive" || key == "grpc_wait_read") return kSkyBlue;
  if (key == "queue") return kOrange;
  if (key == "compute_input") return kGreen;
  if (key == "compute" || key == "compute_infer" || key == "handler") return kBlue;
  if (key == "compute_output") return kPurple;
  if (key == "http_send" || key == "grpc_send") return kYellow;
  if (key == "http_overhead" || key == "grpc_overhead") return kVermillion;
  return kGrey;
}

std::vector<Segment> leaf_segments(const std::vector<Segment>& rows) {
  std::vector<Segment> leaves, tail;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool leaf = i + 1 == rows.size() || rows[i + 1].def->depth <= rows[i].def->depth;
    if (!leaf || rows[i].def->depth == 0) continue;
    (is_tail(rows[i]) ? tail : leaves).push_back(rows[i]);
  }
  leaves.insert(leaves.end(), tail.begin(), tail.end());
  if (leaves.empty() && !rows.empty()) leaves.push_back(rows.front());
  return leaves;
}

std::string stacked_bar_svg(const std::vector<Segment>& segments, const std::string& label, int height) {
  double room = 0;
  for (const Segment& s : segments) room += std::max(s.value_us, 0.0);
  std::string svg = svg_open(1000, height, label);
  double x = 0;
  for (const Segment& s : segments) {
    const double w = room > 0 ? std::max(s.value_us, 0.0) / room * 1000 : 0;
    svg += fmt::format(
        "<rect class=\"segment\" data-key=\"{}\" data-value-us=\"{}\" data-share-percent=\"{}\" x=\"{}\" y=\"0\" "
        "width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} ({:.1f}%)</title></rect>",
        s.def->key, exact(s.value_us), exact(s.share_percent), coordinate(x), coordinate(w), height,
        colour_of(s.def->key), html_text(s.def->label), shown_time(s.value_us), s.share_percent);
    x += w;
  }
  return svg + "</svg>";
}

std::string histogram_svg(const Histogram& h, const std::vector<Mark>& marks, const std::string& label) {
  constexpr double kLeft = 6, kWidth = 308, kTop = 16, kHeight = 110;
  std::string svg = svg_open(320, 150, label);
  if (h.bins.empty()) return svg + text_at(160, 75, "middle", "no values") + "</svg>";
  std::uint64_t most = 1;
  for (const HistogramBin& b : h.bins) most = std::max(most, b.count);
  const double lo = h.bins.front().lower_us, hi = h.bins.back().upper_us;
  const Scale x(lo, hi, h.log_scale);
  const double bar = kWidth / static_cast<double>(h.bins.size());
  for (std::size_t i = 0; i < h.bins.size(); ++i) {
    const HistogramBin& b = h.bins[i];
    const double tall = static_cast<double>(b.count) / static_cast<double>(most) * kHeight;
    svg += fmt::format(
        "<rect class=\"bin\" data-lower-us=\"{}\" data-upper-us=\"{}\" data-count=\"{}\" x=\"{}\" y=\"{}\" "
        "width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} to {}: {} request{}</title></rect>",
        exact(b.lower_us), exact(b.upper_us), b.count, coordinate(kLeft + bar * static_cast<double>(i)),
        coordinate(kTop + kHeight - tall), coordinate(std::max(bar - 0.5, 0.5)), coordinate(tall), kBlue,
        shown_time(b.lower_us), shown_time(b.upper_us), b.count, b.count == 1 ? "" : "s");
  }
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const double mx = kLeft + x.at(marks[i].value_us) * kWidth;
    svg += fmt::format(
        "<line class=\"mark\" data-percentile=\"{}\" data-value-us=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" "
        "stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"{}\"><title>{}: {}</title></line>",
        marks[i].name, exact(marks[i].value_us), coordinate(mx), coordinate(mx), kTop - 4, kTop + kHeight, kVermillion,
        i == 0   ? "none"
        : i == 1 ? "4 2"
                 : "1 2",
        marks[i].name, shown_time(marks[i].value_us));
    svg += text_at(mx, 10 + 0.0 * static_cast<double>(i),
                   i == 0                  ? "end"
                   : i + 1 == marks.size() ? "start"
                                           : "middle",
                   marks[i].name);
  }
  svg += text_at(kLeft, 142, "start", shown_time(lo));
  svg += text_at(kLeft + kWidth, 142, "end", shown_time(hi));
  if (h.log_scale) svg += text_at(160, 142, "middle", "log scale");
  return svg + "</svg>";
}

std::string time_svg(const ModelReport& model, const std::string& label) {
  constexpr double kLeft = 70, kWidth = 920, kTop = 10, kHeight = 200, kStripTop = 230, kStrip = 50;
  std::string svg = svg_open(1000, 300, label);
  if (model.windows.empty() && model.points.empty()) return svg + text_at(500, 150, "middle", "no values") + "</svg>";
  const double width_s = static_cast<double>(model.window_ns) / 1e9;
  double end_s = 0, lo = INFINITY, hi = 0;
  std::uint64_t most = 1;
  for (const TimeWindow& w : model.windows) {
    end_s = std::max(end_s, w.start_s + width_s);
    lo = std::min(lo, w.p50_us);
    hi = std::max(hi, w.p99_us);
    most = std::max(most, w.count);
  }
  for (const TimePoint& p : model.points) {
    end_s = std::max(end_s, p.start_s);
    lo = std::min(lo, p.value_us);
    hi = std::max(hi, p.value_us);
  }
  const Scale x(0, end_s, false);
  const Scale y(lo, hi, lo > 0 && hi / lo >= 100);
  svg += points_path(model.points, x, y, kLeft, kWidth, kTop, kHeight);
  svg +=
      fmt::format("<path class=\"p50\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"/>",
                  window_steps(model.windows, &TimeWindow::p50_us, width_s, x, y, kLeft, kWidth, kTop, kHeight), kBlue);
  svg += fmt::format(
      "<path class=\"p99\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-dasharray=\"6 3\"/>",
      window_steps(model.windows, &TimeWindow::p99_us, width_s, x, y, kLeft, kWidth, kTop, kHeight), kVermillion);
  const double bar = end_s > 0 ? width_s / end_s * kWidth : kWidth;
  for (const TimeWindow& w : model.windows) {
    const double tall = static_cast<double>(w.count) / static_cast<double>(most) * kStrip;
    svg += fmt::format(
        "<rect class=\"window\" data-start-s=\"{}\" data-count=\"{}\" data-p50-us=\"{}\" data-p99-us=\"{}\" x=\"{}\" "
        "y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>from {} s: {} requests, p50 {}, p99 {}</title></rect>",
        exact(w.start_s), w.count, exact(w.p50_us), exact(w.p99_us), coordinate(kLeft + x.at(w.start_s) * kWidth),
        coordinate(kStripTop + kStrip - tall), coordinate(std::max(bar - 0.5, 0.5)), coordinate(tall), kGrey,
        fmt::format("{:g}", w.start_s), w.count, shown_time(w.p50_us), shown_time(w.p99_us));
  }
  svg += text_at(kLeft - 4, kTop + 10, "end", shown_time(hi));
  svg += text_at(kLeft - 4, kTop + kHeight, "end", shown_time(lo));
  svg += text_at(kLeft - 4, kStripTop + 10, "end", "count");
  svg += text_at(kLeft, 296, "start", "0 s");
  svg += text_at(kLeft + kWidth, 296, "end", fmt::format("{:g} s", end_s));
  if (y.log_scale()) svg += text_at(kLeft + kWidth / 2, 296, "middle", "request time on a log scale");
  return svg + "</svg>";
}

}  // namespace trace_summary
