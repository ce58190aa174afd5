// The pairing engine: which traces each pass counts, in what order, under
// which model key, with which span sums — checked against values worked out
// by hand from the reference script's rules.
#include "engine/span_engine.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace trace_summary {
namespace {

using testing::error_of;
using testing::load_text;

// One layout-2 record: {"id", optional parent, model, version, timestamps}.
std::string trace(int id, const std::string& model, const std::string& stamps, int parent = -1,
                  const std::string& version = "1") {
  std::string r = R"({"id":)" + std::to_string(id);
  if (parent >= 0) r += R"(,"parent_id":)" + std::to_string(parent);
  if (!model.empty()) r += R"(,"model_name":")" + model + R"(","model_version":)" + version;
  return r + R"(,"timestamps":[)" + stamps + "]}";
}

using testing::stamp;

// A complete HTTP request starting at `t` (ns): recv 10, handler 100 with
// queue 20 and compute 50 (input 5, infer 40, output 5), send 30.
std::string http_stamps(long long t) {
  return stamp("HTTP_RECV_START", t) + "," + stamp("HTTP_RECV_END", t + 10) + "," + stamp("REQUEST_START", t + 20) +
         "," + stamp("QUEUE_START", t + 30) + "," + stamp("COMPUTE_START", t + 50) + "," +
         stamp("COMPUTE_INPUT_END", t + 55) + "," + stamp("COMPUTE_OUTPUT_START", t + 95) + "," +
         stamp("COMPUTE_END", t + 100) + "," + stamp("REQUEST_END", t + 120) + "," + stamp("HTTP_SEND_START", t + 130) +
         "," + stamp("HTTP_SEND_END", t + 160);
}

std::string handler_stamps(long long t, long long length) {
  return stamp("REQUEST_START", t) + "," + stamp("REQUEST_END", t + length);
}

FileSummary run(const std::string& text, Compat compat = Compat::Classic) {
  static TraceSet set;  // kept alive for the summary's indices
  set = load_text(text);
  return summarize(set, compat);
}

std::vector<std::string> counted_ids(const TraceSet& set, const PassSummary& pass) {
  std::vector<std::string> ids;
  for (const CountedTrace& t : pass.traces) ids.push_back(wide_int_to_string(set.group_ids[trace_group(set, t)]));
  return ids;
}

wide_int sum_of(const ModelStats& m, Span s) { return m.sum[static_cast<std::size_t>(s)]; }

TEST(SpanEngine, SumsEveryHttpSpanExactly) {
  const TraceSet set = load_text("[" + trace(1, "m", http_stamps(1000)) + "," + trace(2, "m", http_stamps(5000)) + "]");
  const FileSummary s = summarize(set, Compat::Classic);
  ASSERT_EQ(s.http.models.size(), 1u);
  const ModelStats& m = s.http.models[0];
  EXPECT_EQ(m.count, 2u);
  EXPECT_EQ(sum_of(m, Span::HttpInfer), 320);
  EXPECT_EQ(sum_of(m, Span::HttpRecv), 20);
  EXPECT_EQ(sum_of(m, Span::HttpSend), 60);
  EXPECT_EQ(sum_of(m, Span::Request), 200);
  EXPECT_EQ(sum_of(m, Span::Queue), 40);
  EXPECT_EQ(sum_of(m, Span::Compute), 100);
  EXPECT_EQ(sum_of(m, Span::ComputeInput), 10);
  EXPECT_EQ(sum_of(m, Span::ComputeInfer), 80);
  EXPECT_EQ(sum_of(m, Span::ComputeOutput), 10);
  EXPECT_TRUE(s.grpc.models.empty());
  const SpanTimes spans = trace_spans(set, s, Protocol::Http, s.http.traces[0]);
  EXPECT_EQ(spans[static_cast<std::size_t>(Span::HttpInfer)]->duration_ns(), 160u);
  EXPECT_FALSE(spans[static_cast<std::size_t>(Span::GrpcInfer)]);
}

TEST(SpanEngine, CountsInStableIdOrderAndModelsInFirstSeenOrder) {
  const std::string text = "[" + trace(9, "b", http_stamps(0)) + "," + trace(3, "a", http_stamps(0)) + "," +
                           trace(5, "b", http_stamps(0)) + "]";
  const TraceSet set = load_text(text);
  const FileSummary s = summarize(set, Compat::Classic);
  EXPECT_EQ(counted_ids(set, s.http), (std::vector<std::string>{"3", "5", "9"}));
  ASSERT_EQ(s.http.models.size(), 2u);
  EXPECT_EQ(set.values[s.http.models[0].model_name].text, "a");
  EXPECT_EQ(s.http.models[1].count, 2u);
}

TEST(SpanEngine, LaterTimestampOfTheSameNameWins) {
  const std::string stamps = http_stamps(0) + "," + stamp("REQUEST_END", 20 + 500);
  const TraceSet set = load_text("[" + trace(1, "m", stamps) + "]");
  const FileSummary s = summarize(set, Compat::Classic);
  EXPECT_EQ(sum_of(s.http.models[0], Span::Request), 500);
}

TEST(SpanEngine, OnlyTracesWithRequestStartAndEndCount) {
  const std::string text = "[" + trace(1, "m", stamp("HTTP_RECV_START", 1) + "," + stamp("REQUEST_START", 2)) + "," +
                           trace(2, "m", http_stamps(0)) + "]";
  const TraceSet set = load_text(text);
  EXPECT_EQ(counted_ids(set, summarize(set, Compat::Classic).http), (std::vector<std::string>{"2"}));
}

TEST(SpanEngine, AveragesKeepSpansOnlySomeTracesHad) {
  // Trace 2 has no queue/compute: the model still has Queue, summed from trace 1 only.
  const std::string text = "[" + trace(1, "m", http_stamps(0)) + "," +
                           trace(2, "m", stamp("HTTP_RECV_START", 0) + "," + stamp("HTTP_RECV_END", 1) + "," +
                                             handler_stamps(2, 7) + "," + stamp("HTTP_SEND_START", 10) + "," +
                                             stamp("HTTP_SEND_END", 11)) +
                           "]";
  const TraceSet set = load_text(text);
  const FileSummary s = summarize(set, Compat::Classic);
  const ModelStats& m = s.http.models[0];
  EXPECT_EQ(m.count, 2u);
  EXPECT_TRUE(m.has[static_cast<std::size_t>(Span::Queue)]);
  EXPECT_EQ(sum_of(m, Span::Queue), 20);
  EXPECT_EQ(sum_of(m, Span::Request), 107);
}

TEST(SpanEngine, MarkerMatchesAsSubstringOfAnyName) {
  const TraceSet set = load_text("[" + trace(1, "m", stamp("MY_GRPC_WAITREAD_START_2", 0) + "," + handler_stamps(5, 5)) + "]");
  const FileSummary s = summarize(set, Compat::Classic);
  EXPECT_TRUE(s.http.traces.empty());
  ASSERT_EQ(s.grpc.traces.size(), 1u);
  EXPECT_FALSE(s.grpc.models[0].has[static_cast<std::size_t>(Span::GrpcInfer)]);
}

TEST(SpanEngine, ChildrenJoinOnlyWhenTheirParentIsAlreadyAMember) {
  const std::string text = "[" + trace(10, "ens", http_stamps(0)) + "," + trace(11, "step", handler_stamps(1, 5), 10) +
                           "," + trace(12, "deep", handler_stamps(2, 5), 11) + "," +
                           trace(4, "early", handler_stamps(3, 5), 10) + "," +
                           trace(20, "orphan", handler_stamps(4, 5), 99) + "]";
  const TraceSet set = load_text(text);
  const FileSummary s = summarize(set, Compat::Classic);
  EXPECT_EQ(counted_ids(set, s.http), (std::vector<std::string>{"10", "11", "12"}));
  EXPECT_TRUE(s.grpc.traces.empty());
}

TEST(SpanEngine, ATraceInBothPassesRepeatsItsLaterTimestampsInTheSecond) {
  const std::string text = "[" + trace(1, "", stamp("HTTP_RECV_START", 0) + "," + stamp("GRPC_WAITREAD_START", 1)) +
                           "," + trace(1, "m", handler_stamps(2, 5)) + "]";
  const TraceSet set = load_text(text);
  const FileSummary s = summarize(set, Compat::Classic);
  ASSERT_EQ(s.http.traces.size(), 1u);
  ASSERT_EQ(s.grpc.traces.size(), 1u);
  EXPECT_EQ(s.http.traces[0].later_copies, 1);
  EXPECT_EQ(s.grpc.traces[0].later_copies, 2);
  std::size_t listed = 0;
  for_each_timestamp(set, s.grpc.traces[0], [&](NameId, std::int64_t) { ++listed; });
  EXPECT_EQ(listed, 6u);  // 2 own + 2 x 2 later
  EXPECT_TRUE(s.representative_mutated[0]);
}

TEST(SpanEngine, ModelKeysCompareAsPythonValues) {
  const std::string text = "[" + trace(1, "m", http_stamps(0), -1, "1") + "," + trace(2, "m", http_stamps(0), -1, "1.0") +
                           "," + trace(3, "m", http_stamps(0), -1, "true") + "," +
                           trace(4, "m", http_stamps(0), -1, "\"1\"") + "]";
  const TraceSet set = load_text(text);
  const FileSummary s = summarize(set, Compat::Classic);
  ASSERT_EQ(s.http.models.size(), 2u);
  EXPECT_EQ(s.http.models[0].count, 3u);
  EXPECT_EQ(set.values[s.http.models[0].model_version].text, "1");
  EXPECT_EQ(set.values[trace_model(set, s.http.traces[1]).version].text, "1.0");  // -t prints the trace's own value
}

TEST(SpanEngine, CurrentCompatTimesGrpcFromWaitReadEnd) {
  const std::string stamps = stamp("GRPC_WAITREAD_START", 0) + "," + stamp("GRPC_WAITREAD_END", 400) + "," +
                             handler_stamps(410, 50) + "," + stamp("GRPC_SEND_START", 470) + "," +
                             stamp("GRPC_SEND_END", 490);
  const std::string text = "[" + trace(1, "g", stamps) + "]";
  const ModelStats classic = run(text, Compat::Classic).grpc.models[0];
  EXPECT_EQ(sum_of(classic, Span::GrpcInfer), 490);
  EXPECT_EQ(sum_of(classic, Span::GrpcWaitread), 400);
  const ModelStats current = run(text, Compat::Current).grpc.models[0];
  EXPECT_EQ(sum_of(current, Span::GrpcInfer), 90);
  EXPECT_FALSE(current.has[static_cast<std::size_t>(Span::GrpcWaitread)]);
  EXPECT_EQ(sum_of(current, Span::GrpcSend), 20);
}

TEST(SpanEngine, LowercaseFilesCountEachRecordOncePerMarker) {
  const std::string stamps = R"({"name":"http recv start","ns":0},{"name":"http recv start","ns":0},)"
                             R"({"name":"request handler start","ns":5},{"name":"request handler end","ns":9})";
  const TraceSet set = load_text(R"([{"id":1,"model_name":"m","model_version":1,"timestamps":[)" + stamps + "]}]");
  const FileSummary s = summarize(set, Compat::Classic);
  EXPECT_EQ(s.naming, Naming::Lowercase);
  ASSERT_EQ(s.http.models.size(), 1u);
  EXPECT_EQ(s.http.models[0].count, 2u);
  EXPECT_EQ(sum_of(s.http.models[0], Span::Request), 8);
}

TEST(SpanEngineErrors, NameTheTraceAndTheTimestamps) {
  auto error = [](const std::string& text) {
    return error_of([&] { run(text); });
  };
  EXPECT_EQ(error("[" + trace(17, "resnet50", stamp("HTTP_RECV_START", 0) + "," + handler_stamps(1, 5) + "," +
                                                  stamp("QUEUE_START", 2) + "," + stamp("COMPUTE_START", 900) + "," +
                                                  stamp("COMPUTE_END", 800)) +
                  "]"),
            "trace 17 (resnet50 1): COMPUTE_END 800 is before COMPUTE_START 900");
  EXPECT_EQ(error("[" + trace(3, "m", stamp("HTTP_RECV_START", 0) + "," + handler_stamps(1, 5) + "," +
                                          stamp("HTTP_SEND_END", 9)) +
                  "]"),
            "trace 3 (m 1): HTTP_RECV_END is missing (the span HTTP_RECV_START -> HTTP_RECV_END needs it)");
  EXPECT_EQ(error("[" + trace(4, "m", stamp("HTTP_RECV_START", 0) + "," + handler_stamps(1, 5) + "," +
                                          stamp("COMPUTE_INPUT_END", 2) + "," + stamp("COMPUTE_OUTPUT_START", 3)) +
                  "]"),
            "trace 4 (m 1): COMPUTE_START is missing (the span COMPUTE_START -> COMPUTE_INPUT_END needs it)");
  EXPECT_EQ(error("[" + trace(5, "", stamp("HTTP_RECV_START", 0) + "," + handler_stamps(1, 5)) + "]"),
            "trace 5: has REQUEST_START and REQUEST_END but no model_name");
  EXPECT_EQ(error(R"([{"id":6,"model_name":"m","timestamps":[{"name":"GRPC_WAITREAD_START","ns":0},)" +
                  handler_stamps(1, 5) + "]}]"),
            "trace 6 (m): has REQUEST_START and REQUEST_END but no model_version");
  EXPECT_EQ(error(R"([{"id":1,"model_name":"m","model_version":1,"timestamps":[{"name":"queue start","ns":0}]},)"
                  R"({"id":2,"model_name":"m","model_version":1}])"),
            "trace 2: a record without parent_id has no timestamps");
}

}  // namespace
}  // namespace trace_summary
