// The formats beyond the classic text: percentiles and span statistics on
// hand-built traces (expected values worked out here, independently of the
// tool), the JSON document against its schema, the CSV parsed back, --merge,
// --model and the timeline's nesting.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/model_filter.hpp"
#include "engine/percentiles.hpp"
#include "engine/span_engine.hpp"
#include "json_schema_check.hpp"
#include "render/timeline_writer.hpp"
#include "test_support.hpp"

namespace trace_summary {
namespace {

using testing::load_text;
using testing::ReportOptions;
using testing::write_report;

using testing::stamp;

// An HTTP request of model `model` at `t` whose handler takes `handler` ns:
// receive 1000, queue 100, compute (handler - 300), send 2000.
std::string http_trace(int id, const std::string& model, long long t, long long handler, int parent = -1) {
  std::string r = R"({"id":)" + std::to_string(id) + R"(,"model_name":")" + model + R"(","model_version":1)";
  if (parent >= 0) r += R"(,"parent_id":)" + std::to_string(parent);
  r += R"(,"timestamps":[)";
  if (parent < 0) r += stamp("HTTP_RECV_START", t) + "," + stamp("HTTP_RECV_END", t + 1000) + ",";
  r += stamp("REQUEST_START", t + 1500) + "," + stamp("QUEUE_START", t + 1600) + "," + stamp("COMPUTE_START", t + 1700) +
       "," + stamp("COMPUTE_END", t + 1500 + handler - 100) + "," + stamp("REQUEST_END", t + 1500 + handler);
  if (parent < 0) {
    r += "," + stamp("HTTP_SEND_START", t + 1500 + handler + 500) + "," + stamp("HTTP_SEND_END", t + 1500 + handler + 2500);
  }
  return r + "]}";
}

// numpy's linear percentile, written out: rank (n-1)p/100 between neighbours.
double numpy_linear(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const double rank = (static_cast<double>(v.size()) - 1) * p / 100;
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

TEST(Percentiles, AreNumpysLinearInterpolation) {
  std::vector<double> one_to_hundred;
  for (int i = 1; i <= 100; ++i) one_to_hundred.push_back(i);
  EXPECT_DOUBLE_EQ(percentile(one_to_hundred, 50), 50.5);
  EXPECT_DOUBLE_EQ(percentile(one_to_hundred, 90), 90.1);
  EXPECT_DOUBLE_EQ(percentile(one_to_hundred, 99), 99.01);
  EXPECT_DOUBLE_EQ(percentile(one_to_hundred, 0), 1);
  EXPECT_DOUBLE_EQ(percentile(one_to_hundred, 100), 100);
  const std::vector<double> uneven = {10, 20, 40, 80};
  EXPECT_DOUBLE_EQ(percentile(uneven, 25), 17.5);  // rank 0.75
  EXPECT_DOUBLE_EQ(percentile(uneven, 99.9), 80 - 40 * (1 - 0.997));
  EXPECT_DOUBLE_EQ(percentile({7}, 50), 7);
  for (double p : {1.0, 33.3, 66.6, 95.0}) {
    EXPECT_NEAR(percentile(uneven, p), numpy_linear({10, 20, 40, 80}, p), 1e-9) << p;
  }
}

// The first HTTP model's report, with the distribution of `percentiles`.
ModelReport first_model(const std::string& json, const std::vector<double>& percentiles) {
  auto input = InputSource::from_memory(json);
  const auto report = build_report({{"t.json", input.get()}}, "t.json", {}, {});
  return report->model(Protocol::Http, 0, {true, percentiles});
}

TEST(SpanStats, RowsFollowTheClassicOrderWithExactStatistics) {
  // Handlers of 1..10 µs (1000..10000 ns) for one model.
  std::string text = "[";
  std::vector<double> handlers_us;
  for (int i = 1; i <= 10; ++i) {
    text += (i > 1 ? "," : "") + http_trace(i, "m", 1'000'000LL * i, 1000LL * i + 300);
    handlers_us.push_back(i + 0.3);
  }
  const ModelReport m = first_model(text + "]", {50, 90});
  std::vector<std::string> keys;
  for (const StatRow& r : m.rows) keys.push_back(std::string(r.def->key));
  EXPECT_EQ(keys, (std::vector<std::string>{"http_infer", "http_receive", "http_send", "http_overhead", "handler",
                                            "handler_overhead", "queue", "compute"}));
  const StatRow& handler = m.rows[4];
  EXPECT_EQ(handler.traces, 10u);
  EXPECT_DOUBLE_EQ(*handler.min_us, 1.3);
  EXPECT_DOUBLE_EQ(*handler.max_us, 10.3);
  EXPECT_NEAR(handler.avg_us, 5.8, 1e-12);
  EXPECT_NEAR(handler.percentiles_us[0], numpy_linear(handlers_us, 50), 1e-9);
  EXPECT_NEAR(handler.percentiles_us[1], numpy_linear(handlers_us, 90), 1e-9);
  // Request time = receive 1 + 0.5 gap + handler + 0.5 gap + send 2 => 4 µs around the handler.
  const StatRow& infer = m.rows[0];
  EXPECT_NEAR(infer.avg_us, 5.8 + 4, 1e-12);
  EXPECT_NEAR(handler.share_percent, 100 * 5.8 / 9.8, 1e-9);
  const StatRow& overhead = m.rows[3];  // infer - handler - receive - send = 1 µs each
  EXPECT_DOUBLE_EQ(*overhead.min_us, 1);
  EXPECT_DOUBLE_EQ(*overhead.max_us, 1);
  const StatRow& queue = m.rows[6];
  EXPECT_DOUBLE_EQ(*queue.min_us, 0.1);
}

TEST(SpanStats, AveragesDivideByTheModelCountAsTheClassicSummary) {
  // Trace 2 lacks queue and compute: Queue's average still divides by 2.
  const std::string text = "[" + http_trace(1, "m", 0, 5000) + R"(,{"id":2,"model_name":"m","model_version":1,)" +
                           R"("timestamps":[)" + stamp("HTTP_RECV_START", 100) + "," + stamp("REQUEST_START", 200) +
                           "," + stamp("REQUEST_END", 300) + "]}]";
  const ModelReport m = first_model(text, {50});
  const auto& all = m.rows;
  const auto it = std::find_if(all.begin(), all.end(), [](const StatRow& r) { return r.def->key == "queue"; });
  ASSERT_NE(it, all.end());
  const StatRow& queue = *it;
  EXPECT_EQ(queue.traces, 1u);
  EXPECT_DOUBLE_EQ(queue.avg_us, 0.05);
  EXPECT_DOUBLE_EQ(*queue.min_us, 0.1);
}

TEST(JsonFormat, MatchesItsSchemaAndTheClassicNumbers) {
  std::ifstream schema_file(TRACE_SUMMARY_DOCS "/json-output.schema.json");
  const nlohmann::json schema = nlohmann::json::parse(schema_file);
  ReportOptions options;
  options.format = "json";
  options.show_trace = true;
  const std::string text = "[" + http_trace(1, "a,\\\"b\\\"", 0, 5000) + "," + http_trace(2, "ens", 10000, 9000) + "," +
                           http_trace(3, "child", 11000, 3000, 2) + "]";
  auto input = InputSource::from_memory(text);
  Output out;
  write_report({{"t.json", input.get()}}, "t.json", options, out);
  const nlohmann::json doc = nlohmann::json::parse(out.text());
  testing::validate(doc, schema, "document");
  const auto& models = doc["files"][0]["protocols"][0]["models"];
  ASSERT_EQ(models.size(), 3u);
  EXPECT_EQ(models[0]["model"], "a,\"b\"");
  EXPECT_EQ(models[0]["spans"][4]["key"], "handler");
  EXPECT_DOUBLE_EQ(models[0]["spans"][4]["avg_us"].get<double>(), 5.0);
  EXPECT_EQ(models[2]["traces"][0]["parent_id"], 2);
  EXPECT_DOUBLE_EQ(models[2]["traces"][0]["spans_us"]["handler"].get<double>(), 3.0);
  EXPECT_EQ(doc["files"][0]["protocols"][1]["models"].size(), 0u);  // no GRPC traces
}

// RFC 4180 fields of one CSV text.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      if (i + 1 < text.size()) rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  return rows;
}

TEST(CsvFormat, ParsesBackWithQuotedModelNames) {
  ReportOptions options;
  options.format = "csv";
  options.percentiles = {50, 99.9};
  const std::string text = "[" + http_trace(1, "a,\\\"b\\\"", 0, 5000) + "," + http_trace(2, "a,\\\"b\\\"", 10000, 7000) + "]";
  Output out;
  auto input = InputSource::from_memory(text);
  write_report({{"x, y.json", input.get()}}, "x, y.json", options, out);
  const auto rows = parse_csv(out.text());
  ASSERT_EQ(rows.size(), 9u);  // header + 8 spans
  const std::vector<std::string>& header = rows[0];
  EXPECT_EQ(header[10], "mean_us");
  EXPECT_EQ(header[12], "p50_us");
  EXPECT_EQ(header[13], "p99.9_us");
  for (const auto& row : rows) EXPECT_EQ(row.size(), header.size());
  const std::vector<std::string>& handler = rows[5];
  EXPECT_EQ(handler[0], "x, y.json");
  EXPECT_EQ(handler[2], "a,\"b\"");
  EXPECT_EQ(handler[4], "handler");
  EXPECT_EQ(handler[7], "2");
  EXPECT_DOUBLE_EQ(std::stod(handler[9]), 6.0);   // avg
  EXPECT_DOUBLE_EQ(std::stod(handler[10]), 6.0);  // mean
  EXPECT_DOUBLE_EQ(std::stod(handler[11]), 5.0);  // min
  EXPECT_DOUBLE_EQ(std::stod(handler[12]), 6.0);  // p50
  EXPECT_DOUBLE_EQ(std::stod(handler[13]), 5 + 2 * 0.999);
  EXPECT_DOUBLE_EQ(std::stod(handler[14]), 7.0);  // max
}

TEST(Merge, ThreeShardsEqualOneFileOfTheSameRecords) {
  const std::string a = http_trace(1, "m", 0, 5000) + "," + http_trace(2, "ens", 10000, 9000);
  const std::string b = http_trace(3, "child", 11000, 3000, 2) + "," + http_trace(4, "m", 30000, 6000);
  const std::string c = http_trace(5, "m", 50000, 7000);
  for (const char* format : {"text", "table", "csv"}) {
    ReportOptions options;
    options.format = format;
    options.show_trace = true;
    auto sa = InputSource::from_memory("[" + a + "]");
    auto sb = InputSource::from_memory("[" + b + "]");
    auto sc = InputSource::from_memory("[" + c + "]");
    Output merged;
    write_report({{"s.0", sa.get()}, {"s.1", sb.get()}, {"s.2", sc.get()}}, "all", options, merged);
    auto whole = InputSource::from_memory("[" + a + "," + b + "," + c + "]");
    Output single;
    write_report({{"all", whole.get()}}, "all", options, single);
    EXPECT_EQ(merged.text(), single.text());
    EXPECT_NE(merged.text().find("child"), std::string::npos);
  }
}

TEST(ModelFilter, KeepsTheNamedModelsAndTheirEnsemblesChildren) {
  const std::string text = "[" + http_trace(1, "m", 0, 5000) + "," + http_trace(2, "ens", 10000, 9000) + "," +
                           http_trace(3, "child", 11000, 3000, 2) + "," + http_trace(4, "m", 30000, 7000) + "]";
  const TraceSet set = load_text(text);
  auto names = [&](const FileSummary& s) {
    std::vector<std::string> out;
    for (const ModelStats& m : s.http.models) out.push_back(set.values[m.model_name].text + "=" + std::to_string(m.count));
    return out;
  };
  FileSummary ens = summarize(set, Compat::Classic);
  keep_models(set, ens, {"ens"});
  EXPECT_EQ(names(ens), (std::vector<std::string>{"ens=1", "child=1"}));
  FileSummary m = summarize(set, Compat::Classic);
  keep_models(set, m, {"m"});
  EXPECT_EQ(names(m), (std::vector<std::string>{"m=2"}));
  EXPECT_EQ(m.http.models[0].sum[static_cast<std::size_t>(Span::Request)], 12000);
  FileSummary child = summarize(set, Compat::Classic);
  keep_models(set, child, {"child"});
  EXPECT_EQ(names(child), (std::vector<std::string>{"child=1"}));
}

// A cursor over some places of a pass hands out the views the whole pass
// has at those places, in the same order.
TEST(FileReport, TracesAtPlacesAreThoseOfTheWholePass) {
  std::string text = "[";
  for (int i = 1; i <= 9; ++i) text += (i > 1 ? "," : "") + http_trace(i, i % 2 ? "m" : "n", i * 10000, 1000 * i);
  auto input = InputSource::from_memory(text + "]");
  const auto report = build_report({{"t.json", input.get()}}, "t.json", {}, {});
  std::vector<std::string> all, some;
  const auto describe = [](const TraceView& t) {
    return wide_int_to_string(t.id) + " " + std::string(t.model_name) + " " +
           std::to_string(t.span(Span::Request)->duration_ns());
  };
  report->for_each_trace(Protocol::Http, TraceDetail::WithoutStamps,
                         [&](const TraceView& t) { all.push_back(describe(t)); });
  report->for_each_trace_at(Protocol::Http, {0, 3, 4, 8}, TraceDetail::WithoutStamps,
                            [&](const TraceView& t) { some.push_back(describe(t)); });
  ASSERT_EQ(all.size(), 9u);
  EXPECT_EQ(some, (std::vector<std::string>{all[0], all[3], all[4], all[8]}));
}

// The timeline document of `json_text`'s traces, at most `limit` of them.
nlohmann::json timeline_of(const std::string& json_text, std::uint64_t limit) {
  auto input = InputSource::from_memory(json_text);
  const auto report = build_report({{"t.json", input.get()}}, "t.json", {}, {});
  const std::string path = ::testing::TempDir() + "timeline_test.json";
  {
    TimelineSink writer(path, limit);
    writer.file(*report);
    writer.end();
  }
  std::ifstream in(path);
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::remove(path.c_str());
  return doc;
}

TEST(Timeline, NestsSpansAndChildrenWithTheirDurations) {
  const std::string text = "[" + http_trace(2, "ens", 10000, 9000) + "," + http_trace(3, "child", 11000, 3000, 2) + "," +
                           http_trace(7, "m", 40000, 5000) + "]";
  const nlohmann::json doc = timeline_of(text, 10);
  std::map<std::string, nlohmann::json> by_name;  // complete events by name@trace
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] == "X") by_name[e["name"].get<std::string>() + "@" + e["args"]["trace_id"].dump()] = e;
  }
  const auto& request = by_name.at("HTTP infer request@2");
  const auto& parent_handler = by_name.at("ens (1)@2");
  const auto& child_handler = by_name.at("child (1)@3");
  const auto& child_compute = by_name.at("Compute@3");
  EXPECT_EQ(request["ts"].get<double>(), 0);  // the first event
  EXPECT_DOUBLE_EQ(request["dur"].get<double>(), 1.5 + 9 + 2.5);
  EXPECT_DOUBLE_EQ(parent_handler["dur"].get<double>(), 9);
  EXPECT_DOUBLE_EQ(child_handler["dur"].get<double>(), 3);
  EXPECT_DOUBLE_EQ(child_compute["dur"].get<double>(), 3 - 0.2 - 0.1);
  EXPECT_EQ(child_handler["tid"], parent_handler["tid"]);  // the child is on its parent's track
  EXPECT_NE(by_name.at("m (1)@7")["tid"], parent_handler["tid"]);
  auto inside = [](const nlohmann::json& inner, const nlohmann::json& outer) {
    const double a = inner["ts"].get<double>(), b = a + inner["dur"].get<double>();
    const double c = outer["ts"].get<double>(), d = c + outer["dur"].get<double>();
    return a >= c && b <= d;
  };
  EXPECT_TRUE(inside(parent_handler, request));
  EXPECT_TRUE(inside(child_handler, parent_handler));
  EXPECT_TRUE(inside(child_compute, child_handler));
  EXPECT_EQ(child_handler["args"]["parent_id"], 2);
}

TEST(Timeline, KeepsTheSlowestTracesUpToTheLimit) {
  // Handlers of 5, 9, 6, 8, 7 µs: the two slowest requests are traces 2 and 4.
  const int handler_us[] = {5, 9, 6, 8, 7};
  std::string text = "[";
  for (int i = 1; i <= 5; ++i) text += (i > 1 ? "," : "") + http_trace(i, "m", 100000LL * i, 1000 * handler_us[i - 1]);
  const nlohmann::json doc = timeline_of(text + "]", 2);
  std::set<std::string> traces;
  for (const auto& e : doc["traceEvents"]) {
    if (e["ph"] == "X") traces.insert(e["args"]["trace_id"].dump());
  }
  EXPECT_EQ(traces, (std::set<std::string>{"2", "4"}));
}

}  // namespace
}  // namespace trace_summary
