// The loader: compact records, merging of plain timestamp records, ids over
// the whole 64-bit range, Python's last-key-wins, and one clear message for
// each kind of malformed input. Positions are those of the parser when it
// met the problem: just past the offending value.
#include "load/loader.hpp"

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"
#include "load/tensor_reader.hpp"

namespace trace_summary {
namespace {

using testing::load_error;
using testing::load_text;

std::string ts(int id, const char* name, long long ns) {
  return R"({"id":)" + std::to_string(id) + R"(,"timestamps":[{"name":")" + name + R"(","ns":)" +
         std::to_string(ns) + "}]}";
}

std::vector<std::string> names_of(const TraceSet& set, const Record& r) {
  std::vector<std::string> out;
  set.for_each_in_record(r, [&](NameId name, std::int64_t) { out.push_back(set.names.info(name).text); });
  return out;
}

std::vector<std::int64_t> all_ns(const TraceSet& set) {
  std::vector<std::int64_t> out;
  for (const Record& r : set.records) set.for_each_in_record(r, [&](NameId, std::int64_t ns) { out.push_back(ns); });
  return out;
}

TEST(Loader, MergesPlainRecordsAndKeepsWhereTheFirstOneEnds) {
  const std::string text = "[" + ts(7, "HTTP_RECV_START", 1000000) + "," + ts(7, "HTTP_RECV_END", 2) + "," +
                           R"({"id":7,"model_name":"m","model_version":1,"request_id":"r"},)" +
                           ts(7, "REQUEST_START", -3) + "," + ts(7, "REQUEST_END", 9223372036854775807) + "]";
  const TraceSet set = load_text(text);
  ASSERT_EQ(set.records.size(), 2u);
  EXPECT_EQ(names_of(set, set.records[0]),
            (std::vector<std::string>{"HTTP_RECV_START", "HTTP_RECV_END", "REQUEST_START", "REQUEST_END"}));
  EXPECT_EQ(all_ns(set), (std::vector<std::int64_t>{1000000, 2, -3, 9223372036854775807}));
  ASSERT_NE(set.group_own_bytes[0], kNone);
  std::vector<std::int64_t> own;
  set.timestamps.decode(0, set.group_own_bytes[0], 0, [&](NameId, std::int64_t ns) { own.push_back(ns); });
  EXPECT_EQ(own, (std::vector<std::int64_t>{1000000}));
  EXPECT_EQ(set.records[1].ts_size, 0u);
  ASSERT_NE(set.attrs_of(set.records[1]), nullptr);
  EXPECT_EQ(set.values[set.attrs_of(set.records[1])->model_name].text, "m");
}

TEST(Loader, ARecordThatLooksPlainUntilItsLastKeyStandsAlone) {
  // Encoded as a continuation while its timestamps are read, then found to
  // hold a model name: it must decode on its own.
  const TraceSet set = load_text("[" + ts(1, "A", 100) + "," +
                                 R"({"id":1,"timestamps":[{"name":"B","ns":-5},{"name":"C","ns":300}],"model_name":"m"},)" +
                                 ts(1, "D", 400) + "]");
  ASSERT_EQ(set.records.size(), 3u);
  EXPECT_EQ(names_of(set, set.records[1]), (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(all_ns(set), (std::vector<std::int64_t>{100, -5, 300, 400}));
}

TEST(Loader, DoesNotMergeAcrossOtherIdsOrLowercaseNames) {
  const TraceSet interleaved = load_text("[" + ts(1, "A", 1) + "," + ts(1, "B", 2) + "," + ts(2, "C", 3) + "," +
                                         ts(1, "D", 4) + "]");
  EXPECT_EQ(interleaved.records.size(), 3u);  // A+B, C, D
  EXPECT_EQ(all_ns(interleaved), (std::vector<std::int64_t>{1, 2, 3, 4}));
  const TraceSet lowercase = load_text("[" + ts(1, "A", 1) + "," + ts(1, "queue start", 2) + "," +
                                       ts(1, "compute start", 3) + "]");
  EXPECT_EQ(lowercase.records.size(), 3u);  // records with lowercase names stay apart
}

TEST(Loader, OrdersGroupsByIdStablyOverTheWholeRange) {
  const TraceSet set = load_text("[" + std::string(R"({"id":18446744073709551615,"timestamps":[]},)") +
                                 R"({"id":-9223372036854775808,"timestamps":[]},)" + ts(5, "X", 1) + "," +
                                 R"({"id":5,"model_name":"m"},)" + ts(-1, "Y", 2) + "]");
  ASSERT_EQ(set.group_ids.size(), 4u);
  std::vector<std::string> ids;
  for (std::uint32_t g : set.groups_by_id) ids.push_back(wide_int_to_string(set.group_ids[g]));
  EXPECT_EQ(ids, (std::vector<std::string>{"-9223372036854775808", "-1", "5", "18446744073709551615"}));
  const std::uint32_t five = set.groups_by_id[2];
  ASSERT_EQ(set.group_records_end(five) - set.group_records_begin(five), 2);
  EXPECT_EQ(names_of(set, set.records[*set.group_records_begin(five)]), std::vector<std::string>{"X"});  // file order
}

TEST(Loader, LastKeyWinsAsInPython) {
  const TraceSet set = load_text(
      R"([{"id":1,"id":2,"timestamps":[{"name":"A","ns":1}],"timestamps":[{"name":"B","ns":2},{"name":"C","ns":3}],)"
      R"("model_name":"x","model_name":"y"}])");
  ASSERT_EQ(set.group_ids.size(), 1u);
  EXPECT_EQ(wide_int_to_string(set.group_ids[0]), "2");
  EXPECT_EQ(names_of(set, set.records[0]), (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(set.values[set.attrs_of(set.records[0])->model_name].text, "y");
}

TEST(Loader, SkipsUnknownKeysAndCountsRecordsWithoutId) {
  const TraceSet set = load_text(
      R"([{"timestamps":[{"name":"A","ns":1}]},{"id":3,"request_id":"x","extra":{"deep":[1,{"a":[]}]},)"
      R"("timestamps":[{"name":"B","ns":2,"note":[1,2]}],"activity":"TENSOR_QUEUE_INPUT",)"
      R"("tensor":{"name":"I","data":"1","shape":"1","dtype":"FP32","other":{"x":1}}}])");
  EXPECT_EQ(set.records_without_id, 1u);
  ASSERT_EQ(set.records.size(), 1u);
  const RecordAttrs* attrs = set.attrs_of(set.records[0]);
  ASSERT_NE(attrs, nullptr);
  EXPECT_EQ(attrs->activity, Activity::TensorQueueInput);
  EXPECT_EQ(set.tensors[attrs->tensor].fields->dtype, "FP32");
  EXPECT_EQ(names_of(set, set.records[0]), (std::vector<std::string>{"B"}));
}

TEST(Loader, KeepsModelValuesAsPythonPrintsThem) {
  const TraceSet set = load_text(
      R"([{"id":1,"model_name":true,"model_version":null},{"id":2,"model_name":1.0,"model_version":-0},)"
      R"({"id":3,"model_name":"\u00e9","model_version":1e16}])");
  auto text = [&](std::size_t r, bool version) {
    const RecordAttrs* a = set.attrs_of(set.records[r]);
    return set.values[version ? a->model_version : a->model_name].text;
  };
  EXPECT_EQ(text(0, false), "True");
  EXPECT_EQ(text(0, true), "None");
  EXPECT_EQ(text(1, false), "1.0");
  EXPECT_EQ(text(1, true), "0");
  EXPECT_EQ(text(2, false), "\xC3\xA9");
  EXPECT_EQ(text(2, true), "1e+16");
}

TEST(Loader, HandlesDeepNestingInIgnoredValues) {
  const std::size_t depth = 100000;
  const std::string text = R"([{"id":1,"x":)" + std::string(depth, '[') + std::string(depth, ']') + "}]";
  EXPECT_EQ(load_text(text).records.size(), 1u);
}

struct BadInput {
  const char* text;
  const char* message;
};

class LoaderError : public ::testing::TestWithParam<BadInput> {};

TEST_P(LoaderError, SaysWhereAndWhat) { EXPECT_EQ(load_error(GetParam().text), GetParam().message); }

INSTANTIATE_TEST_SUITE_P(
    Messages, LoaderError,
    ::testing::Values(
        BadInput{R"({"id":1})", "line 1, column 9: not OTLP: no resourceSpans in this JSON object (nor a trace file, which is a JSON array of records)"},
        BadInput{"42", "line 1, column 3: the file holds 42, not a JSON array of trace records"},
        BadInput{R"([{"id":1},"x"])", "line 1, column 14: record 2 is the string \"x\", not an object"},
        BadInput{R"([[1]])", "line 1, column 3: record 1 is an array, not an object"},
        BadInput{R"([{"id":"7"}])", "line 1, column 11: record 1: id is the string \"7\", not an integer"},
        BadInput{R"([{"id":1.5}])", "line 1, column 12: record 1: id is 1.5, not an integer"},
        BadInput{"[{\"id\":1,\n\"parent_id\":null}]", "line 2, column 17: record 1: parent_id is null, not an integer"},
        BadInput{R"([{"id":1,"timestamps":{}}])", "line 1, column 24: record 1: timestamps is an object, not an array"},
        BadInput{R"([{"id":1,"timestamps":5}])", "line 1, column 25: record 1: timestamps is 5, not an array"},
        BadInput{R"([{"id":1,"timestamps":[5]}])", "line 1, column 26: record 1: timestamps[0] is 5, not an object"},
        BadInput{R"([{"id":1,"timestamps":[{"name":1,"ns":2}]}])",
                 "line 1, column 34: record 1: timestamps[0].name is 1, not a string"},
        BadInput{R"([{"id":1,"timestamps":[{"name":"A","ns":2.5}]}])",
                 "line 1, column 45: record 1: timestamps[0].ns is 2.5, not an integer"},
        BadInput{R"([{"id":1,"timestamps":[{"name":"A","ns":9223372036854775808}]}])",
                 "line 1, column 61: record 1: timestamps[0].ns 9223372036854775808 does not fit in a signed 64-bit "
                 "integer"},
        BadInput{R"([{"id":1,"timestamps":[{"name":"A"}]}])", "line 1, column 36: record 1: timestamps[0] has no \"ns\""},
        BadInput{R"([{"id":1,"timestamps":[{"ns":1}]}])", "line 1, column 32: record 1: timestamps[0] has no \"name\""},
        BadInput{R"([{"id":1,"model_name":["a"]}])",
                 "line 1, column 24: record 1: model_name is an array, not a string or number"},
        BadInput{R"([{"id":1,"tensor":"x"}])", "line 1, column 22: record 1: tensor is the string \"x\", not an object"},
        BadInput{R"([{"id":1,"tensor":{"data":[1]}}])", "line 1, column 28: record 1: a tensor field is not a string"},
        BadInput{R"([{"id":1,"tensor":{"dtype":7}}])", "line 1, column 30: record 1: tensor.dtype is 7, not a string"},
        BadInput{"I1125 server started", "line 1, column 1: not a JSON trace file: syntax error while parsing value - "
                                         "invalid literal; last read: 'I'"},
        BadInput{"[{\"a\":\"\xff\"}]", "line 1, column 8: syntax error while parsing value - invalid string: "
                                     "ill-formed UTF-8 byte; last read: '\"\\xff'"},
        BadInput{"[NaN]", "line 1, column 2: syntax error while parsing value - invalid literal; last read: '[N'"}));

TEST(Loader, KeepsTheCompleteRecordsOfAFileCutShort) {
  for (const std::string tail : {"", ",", ",{\"id\":2,\"timest", ",{\"id\":2,\"timestamps\":[{\"name\":\"A\",\"ns\":12",
                                 ",{\"id\":2,\"model_name\":\"m\\u00", ",{\"id\":2,\"model_name\":tr"}) {
    const TraceSet set = load_text("[" + ts(1, "A", 1) + tail);
    EXPECT_TRUE(set.truncated) << tail;
    EXPECT_EQ(set.complete_records, 1u) << tail;
    ASSERT_EQ(set.records.size(), 1u) << tail;
    EXPECT_EQ(all_ns(set), std::vector<std::int64_t>{1}) << tail;
  }
  const TraceSet only_bracket = load_text(" [ ");
  EXPECT_TRUE(only_bracket.truncated);
  EXPECT_EQ(only_bracket.complete_records, 0u);
}

TEST(Loader, EmptyInputHasNoTraces) {
  for (const char* text : {"", "  \n", "\xEF\xBB\xBF"}) {
    const TraceSet set = load_text(text);
    EXPECT_TRUE(set.empty_input);
    EXPECT_TRUE(set.records.empty());
  }
}

TEST(Loader, ANulByteIsNotTakenForTheEnd) {
  using namespace std::string_literals;
  EXPECT_EQ(load_error("[{\"id\":1}\x00garbage"s),
            "line 1, column 11: unexpected NUL byte: this looks like a binary file, not a JSON trace file");
  EXPECT_EQ(load_error("[{\"id\":1}]\x00garbage"s), "line 1, column 12: unexpected NUL byte after the end of the array");
}

TEST(Loader, AcceptsAByteOrderMark) {
  EXPECT_EQ(load_text("\xEF\xBB\xBF[" + ts(1, "A", 1) + "]").records.size(), 1u);
}

TEST(Loader, ACompleteTokenThatIsWrongAtTheVeryEndIsAnError) {
  EXPECT_EQ(load_error("[{\"id\":1},\n{\"id\":2,]"),
            "line 2, column 9: syntax error while parsing object key - unexpected ']'; expected string literal");
}

TEST(Loader, SkipInvalidLeavesOutBadElementsAndLogsThem) {
  SkipLog skipped;
  auto input = InputSource::from_memory("[" + ts(1, "A", 1) + R"(,{"id":2,"timestamps":[{"name":"B","ns":"x"}]},7,)" +
                                        R"({"id":"q"},{"id":3,"timestamps":[{"name":"C","ns":[1,{"a":2}]}],"x":1},)" +
                                        ts(4, "D", 4) + "]");
  const TraceSet set = load_trace_set(*input, &skipped);
  std::vector<std::string> ids;
  for (std::uint32_t g : set.groups_by_id) ids.push_back(wide_int_to_string(set.group_ids[g]));
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(all_ns(set), (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(skipped.summary(),
            "left out 4 invalid records or traces: 1 array elements that are not objects (record 3); 1 ids that are "
            "not integers (record 4); 1 malformed timestamps (record 5 (id 3)); 1 timestamps whose ns is not an "
            "integer (record 2 (id 2))");
}

}  // namespace
}  // namespace trace_summary

namespace trace_summary {
namespace {

TEST(Loader, LeavesTensorsInAFileThatCanBeReadAgain) {
  std::string data;
  for (int i = 0; i < 2000; ++i) data += (i ? "," : "") + std::to_string(i);
  const std::string record = R"({"id":3,"activity":"TENSOR_QUEUE_INPUT","tensor":{"name":"IN","data":")" + data +
                             R"(","shape":"2000","dtype":"INT32"}})";
  const std::string text = "[" + ts(3, "QUEUE_START", 5) + ",\n" + record + "]";
  const std::string path = ::testing::TempDir() + "large_tensor.json";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  auto file = InputSource::open(path);
  const TraceSet from_file = load_trace_set(*file);
  ASSERT_EQ(from_file.tensors.size(), 1u);
  EXPECT_EQ(from_file.tensors[0].source, 0u);
  EXPECT_EQ(from_file.tensors[0].fields, nullptr);
  const TensorFields read_again = tensor_fields(from_file, from_file.tensors[0]);
  EXPECT_EQ(read_again.data, data);
  EXPECT_EQ(read_again.name, "IN");
  EXPECT_EQ(read_again.dtype, "INT32");

  const TraceSet from_memory = load_text(text);  // cannot be read again: kept
  EXPECT_EQ(from_memory.tensors[0].source, kNone);
  ASSERT_NE(from_memory.tensors[0].fields, nullptr);
  EXPECT_EQ(tensor_fields(from_memory, from_memory.tensors[0]).data, data);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace trace_summary
