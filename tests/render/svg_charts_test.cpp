// The report page's charts: which spans a request's bar is made of and in
// what order, a negative Overhead (a response sent before REQUEST_END)
// taking no room, times as people read them, and the colour of a span the
// same in every chart.
#include "render/svg_charts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace trace_summary {
namespace {

std::vector<Segment> rows_of(Protocol protocol, const std::vector<double>& values) {
  std::vector<Segment> rows;
  const std::vector<const SpanDef*> defs = catalogue_rows(protocol, Compat::Classic);
  for (std::size_t i = 0; i < defs.size() && i < values.size(); ++i) rows.push_back({defs[i], values[i], 0});
  return rows;
}

std::vector<std::string> keys(const std::vector<Segment>& segments) {
  std::vector<std::string> out;
  for (const Segment& s : segments) out.emplace_back(s.def->key);
  return out;
}

TEST(SvgCharts, ABarIsTheInnermostSpansInTheOrderTimePasses) {
  // http_infer, receive, send, overhead, handler, handler overhead, queue, compute, input, infer, output
  const auto leaves = leaf_segments(rows_of(Protocol::Http, {100, 5, 4, 1, 90, 2, 10, 78, 3, 70, 5}));
  EXPECT_EQ(keys(leaves), (std::vector<std::string>{"http_receive", "handler_overhead", "queue", "compute_input",
                                                    "compute_infer", "compute_output", "http_send", "http_overhead"}));
}

TEST(SvgCharts, WithoutTheComputeBreakdownComputeIsOnePart) {
  const auto leaves = leaf_segments(rows_of(Protocol::Http, {100, 5, 4, 1, 90, 2, 10, 78}));
  EXPECT_EQ(keys(leaves), (std::vector<std::string>{"http_receive", "handler_overhead", "queue", "compute", "http_send",
                                                    "http_overhead"}));
}

TEST(SvgCharts, AModelWithOnlyItsFirstRowIsOnePart) {
  const std::vector<Segment> rows = {{row_by_key("handler", Protocol::Http, Compat::Classic), 7, 100}};
  EXPECT_EQ(keys(leaf_segments(rows)), std::vector<std::string>{"handler"});
}

TEST(SvgCharts, ANegativeOverheadTakesNoRoom) {
  const SpanDef* send = row_by_key("http_send", Protocol::Http, Compat::Classic);
  const SpanDef* overhead = row_by_key("http_overhead", Protocol::Http, Compat::Classic);
  const std::string svg = stacked_bar_svg({{send, 30, 30}, {overhead, -10, -10}}, "bar");
  EXPECT_NE(svg.find("data-key=\"http_send\" data-value-us=\"30.0\" data-share-percent=\"30.0\" x=\"0.0\" y=\"0\" "
                     "width=\"1000.0\""),
            std::string::npos);
  EXPECT_NE(svg.find("data-key=\"http_overhead\" data-value-us=\"-10.0\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"0.0\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"bar\""), std::string::npos);
}

TEST(SvgCharts, TimesForPeople) {
  EXPECT_EQ(shown_time(12.345), "12.35 µs");
  EXPECT_EQ(shown_time(1234.5), "1.234 ms");
  EXPECT_EQ(shown_time(2.5e6), "2.5 s");
  EXPECT_EQ(shown_time(-165.5), "-165.5 µs");
}

TEST(SvgCharts, ASpanKeepsItsColourAndNeighboursDiffer) {
  EXPECT_STREQ(colour_of("queue"), colour_of("queue"));
  EXPECT_STRNE(colour_of("queue"), colour_of("compute_infer"));
  EXPECT_STRNE(colour_of("http_receive"), colour_of("handler_overhead"));
  EXPECT_STRNE(colour_of("http_send"), colour_of("http_overhead"));
}

}  // namespace
}  // namespace trace_summary
