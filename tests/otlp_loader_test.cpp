// OpenTelemetry mode: detection by content, the mapping of spans onto trace
// records, both key spellings, requests told apart by their root span, what
// is left out of incomplete input, and one message per malformed value.
#include "load/otlp_loader.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "load/otlp_detect.hpp"
#include "load/otlp_keys.hpp"
#include "test_support.hpp"

namespace trace_summary {
namespace {

using testing::load_error;
using testing::load_text;
using testing::report_text;

// One span as tritonserver exports it (lowerCamelCase, integers as strings).
struct SpanSpec {
  std::string id, parent, name;
  std::vector<std::pair<std::string, long long>> events;
  std::string attrs;  // JSON of the attributes array's elements
};

std::string int_attr(const std::string& key, long long v) {
  return R"({"key":")" + key + R"(","value":{"intValue":")" + std::to_string(v) + R"("}})";
}

std::string model_attrs(const std::string& name, int id, int parent) {
  return R"({"key":"triton.model_name","value":{"stringValue":")" + name + R"("}},)" + int_attr("triton.model_version", 1) +
         "," + int_attr("triton.trace_id", id) + "," + int_attr("triton.trace_parent_id", parent);
}

std::string span_json(const SpanSpec& s) {
  std::string events;
  for (const auto& [name, ns] : s.events) {
    events += std::string(events.empty() ? "" : ",") + R"({"timeUnixNano":")" + std::to_string(ns) + R"(","name":")" +
              name + R"("})";
  }
  return R"({"traceId":"0123456789abcdef0123456789ABCDEF","spanId":")" + s.id + R"(","parentSpanId":")" + s.parent +
         R"(","name":")" + s.name + R"(","kind":2,"startTimeUnixNano":"1","endTimeUnixNano":"2","attributes":[)" +
         s.attrs + R"(],"events":[)" + events + R"(],"status":{}})";
}

std::string line_of(const std::vector<SpanSpec>& spans) {
  std::string body;
  for (const SpanSpec& s : spans) body += (body.empty() ? "" : ",") + span_json(s);
  return R"({"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"triton-server"},"spans":[)" +
         body + "]}]}]}\n";
}

// The spans of one HTTP request to model `name` (trace id `id`), times from `t`.
std::vector<SpanSpec> request(const std::string& prefix, const std::string& name, int id, long long t) {
  return {{prefix + "0000000c", prefix + "0000000b", "compute",
           {{"COMPUTE_START", t + 40}, {"COMPUTE_INPUT_END", t + 45}, {"COMPUTE_OUTPUT_START", t + 60}, {"COMPUTE_END", t + 70}}, ""},
          {prefix + "0000000b", prefix + "0000000a", name,
           {{"REQUEST_START", t + 20}, {"QUEUE_START", t + 30}, {"REQUEST_END", t + 80}}, model_attrs(name, id, 0)},
          {prefix + "0000000a", "", "InferRequest",
           {{"HTTP_RECV_START", t}, {"HTTP_RECV_END", t + 10}, {"HTTP_SEND_START", t + 90}, {"HTTP_SEND_END", t + 100}}, ""}};
}

// The trace file tritonserver's trace mode writes for the same request.
std::string trace_records(const std::string& name, int id, long long t) {
  const std::pair<const char*, long long> stamps[] = {
      {"HTTP_RECV_START", 0}, {"HTTP_RECV_END", 10}, {"REQUEST_START", 20}, {"QUEUE_START", 30},
      {"COMPUTE_START", 40}, {"COMPUTE_INPUT_END", 45}, {"COMPUTE_OUTPUT_START", 60}, {"COMPUTE_END", 70},
      {"REQUEST_END", 80}, {"HTTP_SEND_START", 90}, {"HTTP_SEND_END", 100}};
  std::string out = R"({"id":)" + std::to_string(id) + R"(,"model_name":")" + name + R"(","model_version":1})";
  for (const auto& [stamp, dt] : stamps) {
    out += R"(,{"id":)" + std::to_string(id) + R"(,"timestamps":[{"name":")" + stamp + R"(","ns":)" + std::to_string(t + dt) + "}]}";
  }
  return out;
}

testing::ReportOptions with_trace_listing() {
  testing::ReportOptions o;
  o.show_trace = true;
  return o;
}

TEST(OtlpDetect, TellsFormatsByTheirFirstBytes) {
  EXPECT_EQ(classify_head("  \n{\"resourceSpans\":[]}"), InputFormat::OtlpJson);
  EXPECT_EQ(classify_head("\xEF\xBB\xBF{"), InputFormat::OtlpJson);
  EXPECT_EQ(classify_head("[{\"id\":1}]"), InputFormat::TraceFile);
  EXPECT_EQ(classify_head("\n\n\n["), InputFormat::TraceFile);
  EXPECT_EQ(classify_head(""), InputFormat::TraceFile);
  EXPECT_EQ(classify_head(std::string("\0\0\0\x20\x0a\x1e\x0a\x05", 8)), InputFormat::OtlpProtobuf);
  EXPECT_EQ(classify_head(std::string("\x0a\x85\x01\x12\x03", 5)), InputFormat::OtlpProtobuf);
  EXPECT_EQ(classify_head("hello"), InputFormat::TraceFile);
}

TEST(OtlpKeys, ReadsBothSpellingsAndOtlpIntegers) {
  EXPECT_EQ(otlp::classify("resourceSpans"), otlp::Key::ResourceSpans);
  EXPECT_EQ(otlp::classify("resource_spans"), otlp::Key::ResourceSpans);
  EXPECT_EQ(otlp::classify("instrumentationLibrarySpans"), otlp::Key::ScopeSpans);
  EXPECT_EQ(otlp::classify("time_unix_nano"), otlp::Key::TimeUnixNano);
  EXPECT_EQ(otlp::classify("droppedAttributesCount"), otlp::Key::Other);
  EXPECT_EQ(otlp::parse_decimal("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(otlp::parse_decimal("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(otlp::parse_decimal("9223372036854775808"));
  EXPECT_FALSE(otlp::parse_decimal("1e3"));
  EXPECT_FALSE(otlp::parse_decimal(""));
  EXPECT_EQ(otlp::parse_span_id("00000000000000fF"), 255u);
  EXPECT_FALSE(otlp::parse_span_id("00000000000000f"));
}

// parse_decimal against std::from_chars on every length, with leading
// zeros, signs, and a stray byte at every place.
TEST(OtlpKeys, ParsesDecimalsAsFromCharsDoes) {
  std::mt19937_64 random(3);
  const auto reference = [](std::string_view text) -> std::optional<std::int64_t> {
    if (text.empty() || text.size() > (text[0] == '-' ? 21u : 20u)) return std::nullopt;
    std::int64_t v = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text = round % 3 == 0 ? "-" : "";
    const std::size_t zeros = random() % 4 == 0 ? random() % 5 : 0;
    text += std::string(zeros, '0');
    const std::size_t digits = 1 + random() % 20;
    for (std::size_t d = 0; d < digits; ++d) text += static_cast<char>('0' + random() % 10);
    if (round % 7 == 0) text[random() % text.size()] = "x/:9 .e+"[random() % 8];
    ASSERT_EQ(otlp::parse_decimal(text), reference(text)) << text;
  }
}

TEST(OtlpKeys, EveryKeyInEitherSpellingAndNoNearMiss) {
  const std::pair<const char*, otlp::Key> keys[] = {
      {"resourceSpans", otlp::Key::ResourceSpans},  {"scopeSpans", otlp::Key::ScopeSpans},
      {"spans", otlp::Key::Spans},                  {"traceId", otlp::Key::TraceId},
      {"spanId", otlp::Key::SpanId},                {"parentSpanId", otlp::Key::ParentSpanId},
      {"name", otlp::Key::Name},                    {"startTimeUnixNano", otlp::Key::StartTime},
      {"endTimeUnixNano", otlp::Key::EndTime},      {"attributes", otlp::Key::Attributes},
      {"events", otlp::Key::Events},                {"key", otlp::Key::AttrKey},
      {"value", otlp::Key::Value},                  {"stringValue", otlp::Key::StringValue},
      {"intValue", otlp::Key::IntValue},            {"boolValue", otlp::Key::BoolValue},
      {"doubleValue", otlp::Key::DoubleValue},      {"timeUnixNano", otlp::Key::TimeUnixNano},
  };
  for (const auto& [camel, key] : keys) {
    std::string snake, near = camel;
    for (const char* c = camel; *c != 0; ++c) {
      if (*c >= 'A' && *c <= 'Z') snake += '_';
      snake += static_cast<char>(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    }
    near.back() = near.back() == 'x' ? 'y' : 'x';  // same length, one letter off
    EXPECT_EQ(otlp::classify(camel), key) << camel;
    EXPECT_EQ(otlp::classify(snake), key) << snake;
    EXPECT_EQ(otlp::classify(near), otlp::Key::Other) << near;
  }
  EXPECT_EQ(otlp::classify(std::string(40, 'a')), otlp::Key::Other);
  EXPECT_EQ(otlp::classify(""), otlp::Key::Other);
}

TEST(OtlpKeys, DecimalsWithLeadingZerosAndAtTheEdges) {
  EXPECT_EQ(otlp::parse_decimal("00000000000000000001"), 1);  // 20 characters
  EXPECT_EQ(otlp::parse_decimal("-0009223372036854775808"), std::nullopt);  // 22 characters
  EXPECT_EQ(otlp::parse_decimal("0"), 0);
  EXPECT_EQ(otlp::parse_decimal("-0"), 0);
  EXPECT_EQ(otlp::parse_decimal("0009223372036854775807"), std::nullopt);  // over 20 characters
  EXPECT_EQ(otlp::parse_decimal("09223372036854775807"), INT64_MAX);
  EXPECT_FALSE(otlp::parse_decimal("9999999999999999999"));   // 19 digits, beyond int64
  EXPECT_FALSE(otlp::parse_decimal("18446744073709551616"));  // 2^64
  EXPECT_FALSE(otlp::parse_decimal("99999999999999999999"));
  EXPECT_FALSE(otlp::parse_decimal("-"));
  EXPECT_FALSE(otlp::parse_decimal("00x"));
  EXPECT_FALSE(otlp::parse_decimal("+1"));
}

TEST(OtlpMapping, ARequestSummarisesExactlyAsItsTraceFile) {
  const std::string otlp = line_of(request("10000000", "simple", 1, 5000));
  const std::string trace = "[" + trace_records("simple", 1, 17) + "]";
  EXPECT_EQ(report_text(otlp), report_text(trace));
  EXPECT_EQ(report_text(otlp, with_trace_listing()), report_text(trace, with_trace_listing()));
  EXPECT_NE(report_text(otlp).find("trace count = 1"), std::string::npos);
}

TEST(OtlpMapping, WritesAModelRecordThenItsTimestamps) {
  const TraceSet set = load_text(line_of(request("10000000", "simple", 7, 0)));
  ASSERT_EQ(set.records.size(), 2u);
  ASSERT_EQ(set.group_ids.size(), 1u);
  EXPECT_EQ(set.group_ids[0], 7);
  const RecordAttrs* model = set.attrs_of(set.records[0]);
  ASSERT_NE(model, nullptr);
  EXPECT_EQ(set.values[model->model_name].text, "simple");
  EXPECT_FALSE(model->has_parent);
  std::vector<std::string> names;
  set.for_each_in_record(set.records[1], [&](NameId n, std::int64_t) { names.push_back(set.names.info(n).text); });
  const std::vector<std::string> want = {"REQUEST_START", "QUEUE_START", "REQUEST_END", "COMPUTE_START",
                                         "COMPUTE_INPUT_END", "COMPUTE_OUTPUT_START", "COMPUTE_END",
                                         "HTTP_RECV_START", "HTTP_RECV_END", "HTTP_SEND_START", "HTTP_SEND_END"};
  EXPECT_EQ(names, want);
}

TEST(OtlpMapping, SpansOfOneRequestOverManyLinesMixedWithOthersAndOneTraceId) {
  auto a = request("a0000000", "alpha", 1, 1000);
  auto b = request("b0000000", "beta", 2, 9000);
  const std::string otlp = line_of({a[0], b[0]}) + line_of({b[1]}) + line_of({a[1], b[2]}) + line_of({a[2]});
  const std::string trace = "[" + trace_records("alpha", 1, 1000) + "," + trace_records("beta", 2, 9000) + "]";
  EXPECT_EQ(report_text(otlp, with_trace_listing()), report_text(trace, with_trace_listing()));
}

TEST(OtlpMapping, ModelsOfAnEnsembleKeepTheirParentIds) {
  std::vector<SpanSpec> spans = {
      {"c00000000000000c", "c00000000000000b", "step", {{"REQUEST_START", 30}, {"REQUEST_END", 40}}, model_attrs("step", 2, 1)},
      {"c00000000000000b", "c00000000000000a", "ens", {{"REQUEST_START", 20}, {"REQUEST_END", 50}}, model_attrs("ens", 1, 0)},
      {"c00000000000000a", "", "InferRequest", {{"GRPC_WAITREAD_START", 0}, {"GRPC_WAITREAD_END", 10}, {"GRPC_SEND_START", 60}, {"GRPC_SEND_END", 70}}, ""}};
  const TraceSet set = load_text(line_of(spans));
  ASSERT_EQ(set.records.size(), 4u);
  const RecordAttrs* step = set.attrs_of(set.records[2]);
  ASSERT_NE(step, nullptr);
  ASSERT_TRUE(step->has_parent);
  EXPECT_EQ(set.parent_ids[step->parent], 1);
  EXPECT_NE(report_text(line_of(spans)).find("Summary for step (1): trace count = 1"), std::string::npos);
}

TEST(OtlpMapping, SnakeCaseNumbersAndPrettyPrintedBodiesRead) {
  const std::string body = R"({
  "resource_spans": [ { "scope_spans": [ { "spans": [
    { "span_id": "000000000000000b", "parent_span_id": "000000000000000a", "name": "m", "unknown": [1, {"x": 2}],
      "attributes": [ {"key": "triton.model_name", "value": {"string_value": "m"}},
                      {"key": "triton.model_version", "value": {"int_value": 3}},
                      {"key": "triton.trace_id", "value": {"int_value": 9}} ],
      "events": [ {"time_unix_nano": 100, "name": "REQUEST_START"}, {"time_unix_nano": 250, "name": "REQUEST_END"} ] },
    { "span_id": "000000000000000A", "name": "InferRequest",
      "events": [ {"time_unix_nano": "50", "name": "HTTP_RECV_START"}, {"time_unix_nano": 60, "name": "HTTP_RECV_END"},
                {"time_unix_nano": 290, "name": "HTTP_SEND_START"}, {"time_unix_nano": 300, "name": "HTTP_SEND_END"} ] }
  ] } ] } ]
}
)";
  const std::string text = report_text(body);
  EXPECT_NE(text.find("Summary for m (3): trace count = 1\nHTTP infer request (avg): 0.25us"), std::string::npos) << text;
}

// Loads `text` into `set`; returns the load's warnings, one per line.
std::string load_warnings_of(const std::string& text, TraceSet& set) {
  auto input = InputSource::from_memory(text);
  std::string lines;
  for (const std::string& w : append_trace_file(set, *input).warnings) lines += w + "\n";
  return lines;
}

TEST(OtlpLoader, SpansWithoutARootAreLeftOut) {
  auto a = request("a0000000", "alpha", 1, 1000);
  auto b = request("b0000000", "beta", 2, 9000);
  TraceSet set;
  const std::string err = load_warnings_of(line_of({a[0], a[1], a[2], b[0], b[1]}), set);
  EXPECT_EQ(set.records.size(), 2u);
  EXPECT_NE(err.find("left out 2 spans (1 model span) whose request has no InferRequest root span"), std::string::npos) << err;
}

TEST(OtlpLoader, AFileCutInsideALineKeepsWhatCameBefore) {
  auto a = request("a0000000", "alpha", 1, 1000);
  const std::string whole = line_of(a) + line_of(request("b0000000", "beta", 2, 9000));
  TraceSet set;
  const std::string err = load_warnings_of(whole.substr(0, whole.size() - 40), set);
  EXPECT_EQ(set.records.size(), 2u);
  EXPECT_NE(err.find("file ends inside the JSON object on line 2 (was the collector still writing it?); read 1 complete object"),
            std::string::npos) << err;
}

std::string first_line_with(const std::string& replace_from, const std::string& replace_to) {
  std::string text = line_of(request("a0000000", "alpha", 1, 1000));
  const auto at = text.find(replace_from);
  EXPECT_NE(at, std::string::npos) << replace_from;
  return "\n\n" + text.replace(at, replace_from.size(), replace_to);
}

TEST(OtlpLoader, EachMalformedValueHasItsOwnMessage) {
  EXPECT_EQ(load_error(first_line_with(R"("timeUnixNano":"1045")", R"("timeUnixNano":"10x")")),
            R"(line 3, column 380: resourceSpans[0].scopeSpans[0].spans[0].events[1].timeUnixNano is the string "10x", not an integer)");
  EXPECT_EQ(load_error(first_line_with(R"("spanId":"a00000000000000c")", R"("spanId":12)")),
            "line 3, column 164: resourceSpans[0].scopeSpans[0].spans[0].spanId is 12, not 16 hex digits");
  EXPECT_EQ(load_error(first_line_with(R"("spans":[)", R"("spans":{"a":1},"x":[)")),
            "line 3, column 106: resourceSpans[0].scopeSpans[0].spans is an object, not an array");
  EXPECT_EQ(load_error(first_line_with(R"({"intValue":"1"})", R"({"intValue":1.5})")),
            "line 3, column 829: resourceSpans[0].scopeSpans[0].spans[1].attributes[1].value.intValue is 1.5, not an integer");
  EXPECT_EQ(load_error(first_line_with(R"("intValue":"0"})", R"("stringValue":"0"})")),
            R"(line 3, column 942: resourceSpans[0].scopeSpans[0].spans[1].attributes[3].value (triton.trace_parent_id) is the string "0", not an integer)");
  EXPECT_EQ(load_error(first_line_with(R"({"key":"triton.trace_id","value":{"intValue":"1"}})", R"({"key":"x"})")),
            "line 3, column 1062: resourceSpans[0].scopeSpans[0].spans[1] has triton.model_name but no triton.trace_id");
  EXPECT_EQ(load_error(first_line_with(R"(,"name":"QUEUE_START")", "")),
            "line 3, column 1021: resourceSpans[0].scopeSpans[0].spans[1].events[1] has no name");
  EXPECT_EQ(load_error(R"({"traces":[]})"),
            "line 1, column 14: not OTLP: no resourceSpans in this JSON object (nor a trace file, which is a JSON array of records)");
  EXPECT_EQ(load_error(R"({"resourceSpans":[]} [1])"),
            R"(line 1, column 23: not OTLP: a JSON array where an object {"resourceSpans": [...]} should be)");
  EXPECT_EQ(load_error(R"({"resourceSpans":[]} {"resourceSpans":[3]})"),
            "line 1, column 42: resourceSpans[0] is 3, not an object");
}

TEST(OtlpLoader, ARepeatedSpanIdIsAnError) {
  auto a = request("a0000000", "alpha", 1, 1000);
  EXPECT_EQ(load_error(line_of({a[0], a[0]})),
            "line 1, column 939: resourceSpans[0].scopeSpans[0].spans[1]: spanId a00000000000000c repeats a span of this export request");
  // In a later export request: refused while its request is unfinished.
  EXPECT_EQ(load_error(line_of({a[0]}) + line_of({a[0]})),
            "line 2, column 522: resourceSpans[0].scopeSpans[0].spans[0]: spanId a00000000000000c is that of another span of an unfinished request");
}

// Within one export request a spanId is refused even when the request it
// repeats is complete, so the receiver (which holds every request until its
// report) and its --save file read back agree.
TEST(OtlpLoader, ASpanIdRepeatingACompletedRequestOfTheSameExportRequestIsAnError) {
  const auto a = request("a0000000", "alpha", 1, 1000);
  EXPECT_EQ(load_error(line_of({a[0], a[1], a[2], a[2]})),
            "line 1, column 1903: resourceSpans[0].scopeSpans[0].spans[3]: spanId a00000000000000a repeats a span of this export request");
  testing::ReportOptions skip;
  skip.skip_invalid = true;
  EXPECT_EQ(report_text(line_of({a[0], a[1], a[2], a[2]}), skip), report_text(line_of(a)));
}

TEST(OtlpLoader, SkipInvalidLeavesOutTheBrokenSpan) {
  auto a = request("a0000000", "alpha", 1, 1000);
  a[1].events.push_back({"QUEUE_START", 0});
  std::string text = line_of(a);
  text.replace(text.rfind(R"("timeUnixNano":"0")"), 18, R"("timeUnixNano":true)");
  SkipLog skip;
  auto input = InputSource::from_memory(text + line_of(request("b0000000", "beta", 2, 9000)));
  TraceSet set;
  const LoadNotes notes = append_trace_file(set, *input, &skip);
  std::string err;
  for (const std::string& w : notes.warnings) err += w + "\n";
  EXPECT_EQ(set.records.size(), 2u);  // beta only; alpha's model span is gone, its compute and root are not mapped
  EXPECT_EQ(skip.summary(), "left out 1 invalid record or trace: 1 values of the wrong type (line 1)");
  EXPECT_NE(err.find("left out 1 span (0 model spans)"), std::string::npos) << err;
}

TEST(OtlpLoader, ProtobufIsRefusedWithHowToGetJson) {
  auto input = InputSource::from_memory(std::string("\0\0\0\x20\x0a\x1e\x0a\x05\x01\x02", 10));
  const std::string err = testing::error_of([&] { load_trace_set(*input); });
  EXPECT_NE(err.find("`format: json`"), std::string::npos) << err;
}

}  // namespace
}  // namespace trace_summary
