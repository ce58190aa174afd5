// The -v dump. Expected strings are what CPython 3.11's
// `json.dumps(json.loads(text), sort_keys=True, indent=2)` prints.
#include "pycompat/verbose_dump.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "test_support.hpp"

namespace trace_summary {
namespace {

std::string dump(const std::string& text) {
  Output out;
  write_python_json_dump(text, out);
  return out.text();
}

TEST(VerboseDump, SortsKeysLastDuplicateWinsAndKeepsNumbersExact) {
  const std::string input =
      R"({"b": [1, -0, 2.50, 1e16, 1E-7, 18446744073709551616, -12345678901234567890123, true, false, null],)"
      R"( "a": {"z": {}, "y": []}, "a": {"dup": "last wins"}, "": [[[]]], "c": 0.1})";
  const std::string expected =
      "{\n  \"\": [\n    [\n      []\n    ]\n  ],\n  \"a\": {\n    \"dup\": \"last wins\"\n  },\n  \"b\": [\n    1,\n"
      "    0,\n    2.5,\n    1e+16,\n    1e-07,\n    18446744073709551616,\n    -12345678901234567890123,\n"
      "    true,\n    false,\n    null\n  ],\n  \"c\": 0.1\n}\n";
  EXPECT_EQ(dump(input), expected);
}

TEST(VerboseDump, EscapesLikeEnsureAscii) {
  const std::string input = "{\"x\": \"q\\\"\\\\\\n\\t\\b\\f\\r\\u0001\\u007f/\xC3\xA9\xEB\xAA\xA8\xF0\x9F\x98\x80\"}";
  const std::string expected =
      "{\n  \"x\": \"q\\\"\\\\\\n\\t\\b\\f\\r\\u0001\\u007f/\\u00e9\\ubaa8\\ud83d\\ude00\"\n}\n";
  EXPECT_EQ(dump(input), expected);
}

TEST(VerboseDump, EmptyContainersAndScalars) {
  EXPECT_EQ(dump("[]"), "[]\n");
  EXPECT_EQ(dump("{}"), "{}\n");
  EXPECT_EQ(dump("[{}]"), "[\n  {}\n]\n");
  EXPECT_EQ(dump("3"), "3\n");
}

TEST(VerboseDump, DeepNestingDoesNotRecurse) {
  const std::size_t depth = 2000;  // the output grows with depth squared (indentation)
  const std::string input = std::string(depth, '[') + std::string(depth, ']');
  const std::string out = dump(input);
  // One line to open and one to close each level but the innermost `[]`.
  EXPECT_EQ(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')), 2 * (depth - 1) + 1);
  EXPECT_EQ(out.find("[]"), out.rfind("[]"));
  EXPECT_EQ(out.substr(0, 4), "[\n  ");
}

TEST(VerboseDump, RejectsInvalidJson) {
  EXPECT_NE(testing::error_of([] { dump("[1,"); }), "no error");
}

}  // namespace
}  // namespace trace_summary
