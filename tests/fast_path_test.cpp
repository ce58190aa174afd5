// The fast path must give exactly what nlohmann alone gives: the same trace
// set, notes, warnings and errors, on every file of testdata, on inputs
// built to hit each way back to nlohmann, and wherever read blocks end.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "load/loader.hpp"
#include "load/record_scanner.hpp"
#include "test_support.hpp"
#include "trace_set_dump.hpp"

namespace trace_summary {
namespace {

// Everything a load gives, as text: the set, the notes and what was skipped,
// or the error.
std::string load_dump(const std::string& bytes, Parser parser, bool skip_invalid, std::size_t block) {
  auto input = block == 0 ? InputSource::from_memory(bytes) : InputSource::from_memory_in_blocks(bytes, block);
  SkipLog log;
  LoadOptions options;
  options.parser = parser;
  options.skip = skip_invalid ? &log : nullptr;
  try {
    TraceSet set;
    const LoadNotes notes = append_trace_file(set, *input, options);
    set.index_by_id();
    std::string out = testing::dump(set, notes);
    for (const std::string& w : notes.warnings) out += "warning " + w + "\n";
    out += "skipped " + log.summary() + "\n";
    return out;
  } catch (const DataError& e) {
    return std::string("error: ") + e.what();
  }
}

// The fast path equals nlohmann, with and without --skip-invalid, in one
// block and in blocks of the given sizes.
void expect_same(const std::string& bytes, const std::string& name,
                 std::vector<std::size_t> blocks = {0, 1, 7, 64, 333}) {
  for (const bool skip : {false, true}) {
    const std::string reference = load_dump(bytes, Parser::Generic, skip, 0);
    for (const std::size_t block : blocks) {
      EXPECT_EQ(load_dump(bytes, Parser::Fast, skip, block), reference)
          << name << (skip ? " --skip-invalid" : "") << ", blocks of " << block;
    }
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(FastPath, EqualsNlohmannOnEveryTestdataFile) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(TRACE_SUMMARY_TESTDATA)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name == "args" || name == "expected_rc" || name == "expected_stdout" ||
        entry.path().extension() == ".md" || entry.file_size() > (std::uintmax_t{4} << 20)) {
      continue;
    }
    expect_same(read_file(entry.path()), entry.path().string(), {0, 4096});
    ++files;
  }
  EXPECT_GT(files, 100u);
}

// Every input that once made fastpath_fuzzer fail (after its two bytes of
// options), in one block and in small ones.
TEST(FastPath, EqualsNlohmannOnEveryFuzzRegression) {
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TRACE_SUMMARY_FUZZ_REGRESSIONS "-fastpath")) {
    const std::string bytes = read_file(entry.path());
    if (bytes.size() < 2) continue;
    expect_same(bytes.substr(2), entry.path().string());
    ++inputs;
  }
  EXPECT_GT(inputs, 0u);
}

TEST(FastPath, ScansTheRecordsTritonserverWrites) {
  std::vector<ScanToken> tokens;
  const std::string stamp = R"({"id":17,"timestamps":[{"name":"HTTP_RECV_START","ns":5294383183578}]},)";
  EXPECT_EQ(scan_record(stamp.data(), stamp.data() + stamp.size(), tokens), stamp.size() - 1);
  ASSERT_EQ(tokens.size(), 13u);
  EXPECT_EQ(tokens[2].kind, ScanToken::Kind::Unsigned);
  EXPECT_EQ(tokens[2].u, 17u);
  EXPECT_EQ(tokens[2].end, std::string(R"({"id":17,)").size());  // the byte after the number is read
  EXPECT_EQ(tokens[11].kind, ScanToken::Kind::EndArray);
  EXPECT_EQ(tokens[11].end, stamp.size() - 2);
  EXPECT_EQ(stamp.substr(tokens[7].text_begin, tokens[7].text_size), "HTTP_RECV_START");
  EXPECT_EQ(tokens[9].kind, ScanToken::Kind::Unsigned);
  EXPECT_EQ(tokens[9].u, 5294383183578u);
  // The exact match of the same record says the same.
  StampRecord r;
  ASSERT_EQ(scan_stamp_record(stamp.data(), stamp.data() + stamp.size(), r), stamp.size() - 1);
  EXPECT_EQ(r.id, 17u);
  EXPECT_EQ(r.id_end + 1, tokens[2].end);
  EXPECT_EQ(r.id_end + 13, tokens[3].end);
  EXPECT_EQ(r.id_end + 15, tokens[4].end);
  EXPECT_EQ(r.id_end + 16, tokens[5].end);
  EXPECT_EQ(r.id_end + 22, tokens[6].end);
  EXPECT_EQ(r.name_begin, tokens[7].text_begin);
  EXPECT_EQ(r.name_size, tokens[7].text_size);
  EXPECT_EQ(r.name_begin + r.name_size + 1, tokens[7].end);
  EXPECT_EQ(r.name_begin + r.name_size + 6, tokens[8].end);
  EXPECT_TRUE(r.ns_unsigned);
  EXPECT_EQ(r.ns_u, tokens[9].u);
  EXPECT_EQ(r.ns_end + 1, tokens[9].end);
  EXPECT_EQ(r.ns_end + 1, tokens[10].end);
  EXPECT_EQ(r.ns_end + 2, tokens[11].end);
  EXPECT_EQ(r.ns_end + 3, tokens[12].end);
  // A negative ns, a name outside ASCII, white space: not this record.
  for (const std::string other :
       {R"({"id":1,"timestamps":[{"name":"A","ns":-5}]})",
        "{\"id\":1,\"timestamps\":[{\"name\":\"\xC3\xA9\",\"ns\":5}]}",
        R"({"id":1,"timestamps":[{"name":"A", "ns":5}]})", R"({"id":-1,"timestamps":[{"name":"A","ns":5}]})"}) {
    const std::size_t size = scan_stamp_record(other.data(), other.data() + other.size(), r);
    if (other.find("-5") != std::string::npos) {
      EXPECT_EQ(size, other.size());
      EXPECT_FALSE(r.ns_unsigned);
      EXPECT_EQ(r.ns_i, -5);
    } else {
      EXPECT_EQ(size, 0u) << other;
    }
  }
  const std::string model = R"({"id":1,"model_name":"résnet50","model_version":1,"request_id":"a","parent_id":0}])";
  EXPECT_EQ(scan_record(model.data(), model.data() + model.size(), tokens), model.size() - 1);
  EXPECT_EQ(tokens[4].kind, ScanToken::Kind::String);
  EXPECT_EQ(model.substr(tokens[4].text_begin, tokens[4].text_size), "résnet50");
}

TEST(FastPath, ReadsIntegersToTheEdgesOf64Bits) {
  std::vector<ScanToken> tokens;
  const std::string max = R"({"id":18446744073709551615,"ns":-9223372036854775808,"n":-0})";
  ASSERT_EQ(scan_record(max.data(), max.data() + max.size(), tokens), max.size());
  EXPECT_EQ(tokens[2].kind, ScanToken::Kind::Unsigned);
  EXPECT_EQ(tokens[2].u, UINT64_MAX);
  EXPECT_EQ(tokens[4].kind, ScanToken::Kind::Integer);
  EXPECT_EQ(tokens[4].i, INT64_MIN);
  EXPECT_EQ(tokens[6].kind, ScanToken::Kind::Integer);  // nlohmann: -0 is a signed 0
  EXPECT_EQ(tokens[6].i, 0);
}

// Every length from 1 to 20 digits (read eight at a time and then one by
// one), each digit in each place, against strtoull; 21 digits and
// 2^64 are left to nlohmann.
TEST(FastPath, ReadsIntegersOfEveryLengthAsStrtoullDoes) {
  std::vector<ScanToken> tokens;
  for (std::size_t length = 1; length <= 20; ++length) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      for (std::size_t place = 0; place < length; ++place) {
        std::string number(length, '7');
        if (length == 20) number = "18446744073709551615";
        number[place] = digit;
        if (length > 1 && number[0] == '0') number[0] = '1';
        if (length == 20 && number > "18446744073709551615") continue;
        const std::string record = "{\"id\":" + number + "}";
        ASSERT_EQ(scan_record(record.data(), record.data() + record.size(), tokens), record.size()) << number;
        EXPECT_EQ(tokens[2].u, std::strtoull(number.c_str(), nullptr, 10)) << number;
        const std::string negative = "{\"id\":-" + number + "}";
        if (length < 19) {
          ASSERT_EQ(scan_record(negative.data(), negative.data() + negative.size(), tokens), negative.size());
          EXPECT_EQ(tokens[2].i, std::strtoll(negative.c_str() + 6, nullptr, 10)) << negative;
        }
      }
    }
  }
  for (const std::string number : {"184467440737095516150", "18446744073709551616", "99999999999999999999"}) {
    const std::string record = "{\"id\":" + number + "}";
    EXPECT_EQ(scan_record(record.data(), record.data() + record.size(), tokens), 0u) << number;
  }
}

TEST(FastPath, LeavesToNlohmannWhatItDoesNotRecognise) {
  std::vector<ScanToken> tokens;
  for (const std::string element :
       {R"({"id": 1})", R"({"id":1.0})", R"({"id":1e3})", R"({"id":18446744073709551616})",
        R"({"id":99999999999999999999})", R"({"id":100000000000000000000})", R"({"id":-9223372036854775809})",
        R"({"id":01})", R"({"id":"a\"b"})", "{\"id\":\"\x01\"}", "{\"id\":\"\xC0\xAF\"}", "{\"id\":\"\xED\xA0\x80\"}",
        "{\"id\":\"\xF4\x90\x80\x80\"}", R"({"id":1)", R"({"id":1})" /* no byte after it in range */, R"({"id":[1}})",
        R"({"id":tru})", R"({"id" :1})"}) {
    const char* end = element.data() + element.size();
    if (element == R"({"id":1})") end = element.data() + 7;  // cut just after the number
    EXPECT_EQ(scan_record(element.data(), end, tokens), 0u) << element;
  }
}

TEST(FastPath, EqualsNlohmannOnEveryWayBack) {
  const std::string record = R"({"id":1,"timestamps":[{"name":"REQUEST_START","ns":10}]})";
  const std::string model = R"({"id":1,"model_name":"m","model_version":1})";
  const std::string end = R"({"id":1,"timestamps":[{"name":"REQUEST_END","ns":30}]})";
  const std::vector<std::string> inputs = {
      "",
      " ",
      "[",
      "[]",
      "[ ]",
      "{}",
      "3",
      "[" + record + "]",
      "[" + record + "," + model + "," + end + "]",
      "[" + record + "," + model + "," + end + "]\n",
      "[" + record + "," + model + "," + end + "] x",
      "[" + record + ", " + model + "]",
      "[" + record + ",\n" + model + "\n]",
      "[" + record + ",]",
      "[" + record + ",",
      "[" + record + ",," + model + "]",
      "[" + record + " ," + model + "]",
      "[" + record + "," + model.substr(0, 20),
      "[" + record + "," + "3," + model + "]",
      "[" + record + "," + R"({"id":"x"})" + "]",
      "[" + record + "," + R"({"id":1,"timestamps":[{"name":"A","ns":18446744073709551615}]})" + "]",
      "[" + record + "," + R"({"id":1,"timestamps":[{"name":"A","ns":-1}]})" + "]",
      "[" + record + "," + R"({"id":1,"timestamps":[{"name":"A"}]})" + "]",
      "[" + record + "," + R"({"id":1,"timestamps":[{"name":"A","ns":1,"ns":2}],"id":2})" + "]",
      "[" + record + "," + R"({"id":1,"timestamps":[{"name":"A\u0042","ns":1}]})" + "]",
      "[" + record + "," + R"({"id":1,"timestamps":[{"name":"A","ns":1.5e999}]})" + "]",
      "[" + record + "," + R"({"id":1,"model_name":null,"model_version":true,"x":[false,{"y":[]}]})" + "]",
      "[" + record + "," +
          R"({"id":1,"activity":"TENSOR_QUEUE_INPUT","tensor":{"name":"x","data":"1","shape":"1","dtype":"INT32"}})" +
          "]",
      "[" + record + "," + std::string("{\"id\":1,\0}", 10) + "]",
      "[" + record + "]" + std::string(1, '\0'),
      "[" + record + "," + "{\"id\":1,\"model_name\":\"\xff\"}" + "]",
      "\xEF\xBB\xBF[" + record + "]",
  };
  for (const std::string& input : inputs) expect_same(input, input);
}

TEST(FastPath, ErrorsNameTheSamePlaceOnLaterLines) {
  const std::string record = R"({"id":1,"timestamps":[{"name":"REQUEST_START","ns":10}]})";
  const std::string input = "[" + record + ",\n" + record + ",\n  " + record + "," + record + ",{\"id\":}]";
  expect_same(input, "later lines");
  EXPECT_NE(load_dump(input, Parser::Fast, false, 0).find("line 3, column "), std::string::npos);
}

}  // namespace
}  // namespace trace_summary
