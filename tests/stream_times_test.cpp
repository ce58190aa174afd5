// Streamed requests: which traces are streamed, and their responses, from
// stamps written by hand as tritonserver records them (SPEC-otel.md,
// "Streaming"); the expected values are worked out in each test.
#include "engine/stream_times.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace trace_summary {
namespace {

using testing::error_of;
using testing::load_text;

using testing::stamp;

std::string file(const std::string& stamps) {
  return R"([{"id":7,"model_name":"llama","model_version":1,"timestamps":[)" + stamps + "]}]";
}

// The handler of every request below: 100 to 200, queue 110, compute 120-150.
std::string handler() {
  return stamp("REQUEST_START", 100) + "," + stamp("QUEUE_START", 110) + "," + stamp("COMPUTE_START", 120) + "," +
         stamp("COMPUTE_END", 150) + "," + stamp("REQUEST_END", 200);
}

// generate_stream with responses at `at`: chunk stamps of 0, a flag-only callback after them.
std::string http_stream(const std::vector<long long>& at, bool final_flag, long long zero = 0) {
  std::string s = stamp("HTTP_RECV_START", 10) + "," + stamp("HTTP_RECV_END", 20) + "," + handler();
  for (long long ns : at) {
    s += "," + stamp("INFER_RESPONSE_COMPLETE", ns) + "," + stamp("HTTP_SEND_START", zero) + "," +
         stamp("HTTP_SEND_END", zero);
  }
  if (final_flag) s += "," + stamp("INFER_RESPONSE_COMPLETE", at.back() + 5);
  return s;
}

// ModelStreamInfer: INFER_RESPONSE_COMPLETE once at `complete`, a send pair ending at each of `ends`.
std::string grpc_stream(long long complete, const std::vector<long long>& ends) {
  std::string s = stamp("GRPC_WAITREAD_START", 5) + "," + stamp("GRPC_WAITREAD_END", 10) + "," + handler() + "," +
                  stamp("INFER_RESPONSE_COMPLETE", complete);
  for (long long ns : ends) s += "," + stamp("GRPC_SEND_START", ns - 3) + "," + stamp("GRPC_SEND_END", ns);
  return s;
}

StreamScan scan(const std::string& json, Protocol protocol) {
  TraceSet set = load_text(json);
  set.index_by_id();
  CountedTrace trace;
  trace.anchor = 0;
  trace.later_copies = 1;
  return scan_stream(set, trace, protocol);
}

TEST(StreamTimes, HttpChunksOfZeroAreAStreamAndTheFlagOnlyCallbackIsNoResponse) {
  const StreamScan s = scan(file(http_stream({300, 340, 420}, true)), Protocol::Http);
  ASSERT_TRUE(s.streamed);
  EXPECT_TRUE(s.sends_not_captured);
  ASSERT_TRUE(s.times);
  EXPECT_EQ(s.times->arrival_ns, 10);
  EXPECT_EQ(s.times->first_ns, 300);
  EXPECT_EQ(s.times->responses_ns, (std::vector<std::int64_t>{300, 340, 420}));  // not 425
}

TEST(StreamTimes, HttpStreamOfOneResponse) {
  const StreamScan s = scan(file(http_stream({300}, false)), Protocol::Http);
  ASSERT_TRUE(s.times);
  EXPECT_EQ(s.times->responses_ns, (std::vector<std::int64_t>{300}));
}

TEST(StreamTimes, OpenTelemetrysTimeOfZeroIsNotCapturedEither) {
  // In OpenTelemetry mode 0 becomes the request's offset: one value before arrival.
  const StreamScan s = scan(file(http_stream({300, 340}, false, 3)), Protocol::Http);
  EXPECT_TRUE(s.sends_not_captured);
  ASSERT_TRUE(s.times);
  EXPECT_EQ(s.times->responses_ns.size(), 2u);
}

TEST(StreamTimes, OrdinaryRequestsAreNotStreams) {
  const std::string http = stamp("HTTP_RECV_START", 10) + "," + handler() + "," +
                           stamp("INFER_RESPONSE_COMPLETE", 190) + "," + stamp("HTTP_SEND_START", 210) + "," +
                           stamp("HTTP_SEND_END", 230);
  EXPECT_FALSE(scan(file(http), Protocol::Http).streamed);
  EXPECT_FALSE(scan(file(grpc_stream(190, {230})), Protocol::Grpc).streamed);  // one response: ordinary
}

TEST(StreamTimes, GrpcResponsesAreTheSendEndsAndTheFirstMayBeTheCompletion) {
  const StreamScan s = scan(file(grpc_stream(250, {260, 300, 390})), Protocol::Grpc);
  ASSERT_TRUE(s.times);
  EXPECT_EQ(s.times->arrival_ns, 10);
  EXPECT_EQ(s.times->first_ns, 250);
  EXPECT_EQ(s.times->responses_ns, (std::vector<std::int64_t>{260, 300, 390}));
  const StreamScan late = scan(file(grpc_stream(280, {260, 300})), Protocol::Grpc);
  ASSERT_TRUE(late.times);
  EXPECT_EQ(late.times->first_ns, 260);  // the send ended before the completion was recorded
}

TEST(StreamTimes, MoreChunksThanResponsesIsAProblem) {
  std::string s = http_stream({300, 340}, false) + "," + stamp("HTTP_SEND_START", 0) + "," + stamp("HTTP_SEND_END", 0);
  const StreamScan scanned = scan(file(s), Protocol::Http);
  EXPECT_FALSE(scanned.times);
  EXPECT_EQ(scanned.problem, "3 chunks sent (HTTP_SEND_END) but 2 INFER_RESPONSE_COMPLETEs");
}

TEST(StreamTimes, ClassicSummaryNamesAStreamItCannotShow) {
  TraceSet set = load_text(file(http_stream({300, 340}, true)));
  set.index_by_id();
  EXPECT_EQ(error_of([&] { summarize(set, Compat::Classic); }),
            "trace 7 (llama 1): HTTP_SEND_END is 0, as tritonserver writes for streamed generate_stream responses; "
            "--format table (or json, csv) reports streamed requests, --skip-invalid leaves them out");
}

TEST(StreamTimes, StreamsAreSummedPerModel) {
  TraceSet set = load_text(file(http_stream({300, 340, 420}, true)));
  set.index_by_id();
  const FileSummary summary = summarize(set, Compat::Classic, {}, true);
  ASSERT_EQ(summary.http.models.size(), 1u);
  const ModelStats& m = summary.http.models[0];
  EXPECT_EQ(m.stream.requests, 1u);
  EXPECT_EQ(m.stream.responses, 3u);
  EXPECT_EQ(m.stream.first_ns, 290);                               // 300 - 10
  EXPECT_EQ(m.stream.last_ns, 410);                                // 420 - 10
  EXPECT_EQ(m.stream.gaps_ns, 120);                                // 40 + 80
  EXPECT_FALSE(m.has[static_cast<std::size_t>(Span::HttpInfer)]);  // its send stamps are responses
  EXPECT_TRUE(m.has[static_cast<std::size_t>(Span::Queue)]);
}

TEST(StreamTimes, AModelsRowsAreOverTheTracesThatHadThem) {
  // Trace 1 ordinary: GRPC infer 5 -> 230 = 225 ns, wait/read 5, send 3, handler 100: overhead 117.
  // Trace 2 streamed: no protocol rows. Classic averages over both traces: 117 / 2 ns.
  const std::string json =
      R"([{"id":1,"model_name":"llama","model_version":1,"timestamps":[)" + grpc_stream(190, {230}) +
      R"(]},{"id":2,"model_name":"llama","model_version":1,"timestamps":[)" + grpc_stream(250, {260, 300, 390}) + "]}]";
  testing::ReportOptions options;
  options.format = "json";
  const auto doc = nlohmann::json::parse(testing::report_text(json, options));
  const auto& model = doc["files"][0]["protocols"][1]["models"][0];
  ASSERT_EQ(model["count"], 2);
  std::map<std::string, nlohmann::json> rows;
  for (const auto& row : model["spans"]) rows[row["key"].get<std::string>()] = row;
  EXPECT_EQ(rows["grpc_overhead"]["traces"], 1);
  EXPECT_DOUBLE_EQ(rows["grpc_overhead"]["avg_us"].get<double>(), 0.0585);
  EXPECT_DOUBLE_EQ(rows["grpc_overhead"]["mean_us"].get<double>(), 0.117);
  EXPECT_EQ(rows["responses"]["traces"], 1);
  EXPECT_DOUBLE_EQ(rows["responses"]["mean_us"].get<double>(), 3);          // a count
  EXPECT_DOUBLE_EQ(rows["first_response"]["mean_us"].get<double>(), 0.24);  // 250 - 10
  EXPECT_DOUBLE_EQ(rows["response_gap"]["max_us"].get<double>(), 0.09);     // 390 - 300
  EXPECT_DOUBLE_EQ(rows["last_response"]["mean_us"].get<double>(), 0.38);   // 390 - 10
}

}  // namespace
}  // namespace trace_summary
