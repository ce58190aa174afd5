// The charts of the report page, drawn as inline SVG: a stacked bar of
// where the time goes, a histogram with percentile marks, and latency over
// time. Colours are the Okabe-Ito palette, which colour-blind readers can
// tell apart; every mark carries its numbers in a <title> (shown on hover)
// and in data-* attributes, and each chart has a text alternative.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/report_model.hpp"

namespace trace_summary {

/// Text for HTML content or a quoted attribute value.
std::string html_text(std::string_view text);
/// A number as an attribute value: the shortest text that reads back exactly.
std::string exact(double value);
/// A time for people: "123.4 µs", "12.35 ms", "1.234 s".
std::string shown_time(double micros);

/// The colour of a catalogue row, the same in every chart.
const char* colour_of(std::string_view key);

/// One part of a stacked bar: a catalogue row and its value.
struct Segment {
  const SpanDef* def = nullptr;
  double value_us = 0;
  double share_percent = 0;
};

/// The parts a request's time splits into: the innermost rows, in the order
/// the time passes (receive, handler's parts, send, the protocol's
/// overhead). `rows` are a model's or a trace's rows in catalogue order.
std::vector<Segment> leaf_segments(const std::vector<Segment>& rows);

/// A horizontal bar split into `segments` (a negative value, an overlap,
/// takes no room). `label` is its text alternative.
std::string stacked_bar_svg(const std::vector<Segment>& segments, const std::string& label, int height = 36);

/// A percentile to mark on a histogram.
struct Mark {
  std::string name;  ///< "p50"
  double value_us = 0;
};

/// The histogram's bars, with `marks` as vertical lines.
std::string histogram_svg(const Histogram& histogram, const std::vector<Mark>& marks, const std::string& label);

/// Latency over time: the points, p50 and p99 per window, and the count
/// per window below.
std::string time_svg(const ModelReport& model, const std::string& label);

}  // namespace trace_summary
