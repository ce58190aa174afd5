// Hostile but valid input: id patterns made to collide, and structures deep
// enough to exhaust a recursion or a quadratic algorithm. Each test states
// its expectation from the input's construction, not from earlier output.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "load/trace_set.hpp"
#include "pycompat/numpy_print.hpp"
#include "test_support.hpp"

namespace trace_summary {
namespace {

using testing::load_text;

// The loader's index takes the low bits of the hash: ids that share their
// low bits must still spread over them as random values would (65,536 ids
// in 65,536 slots fill about 63% of them).
std::size_t distinct_low_16_bits(wide_uint step, wide_uint offset) {
  std::set<std::size_t> slots;
  for (wide_uint k = 0; k < 65536; ++k) slots.insert(TraceIdHash{}(static_cast<TraceId>((k + offset) * step)) & 0xFFFF);
  return slots.size();
}

TEST(Hostile, IdHashSpreadsIdsThatShareTheirLowBits) {
  const wide_uint steps[] = {1, wide_uint{1} << 16, wide_uint{1} << 32, wide_uint{1} << 48, wide_uint{1} << 64,
                             wide_uint{1} << 100, 0x10001};
  for (const wide_uint step : steps) {
    EXPECT_GT(distinct_low_16_bits(step, 1), 40000u) << static_cast<unsigned long long>(step >> 64) << ":"
                                                      << static_cast<unsigned long long>(step);
  }
}

TEST(Hostile, IdsThatShareTheirLowBitsLoadAsDistinctTraces) {
  constexpr int kIds = 20000;
  std::string text = "[";
  for (int k = 0; k < kIds; ++k) {
    text += (k ? "," : "") + std::string(R"({"id":)") + std::to_string((static_cast<unsigned long long>(k) + 1) << 32) +
            R"(,"timestamps":[{"name":"A","ns":1}]})";
  }
  const TraceSet set = load_text(text + "]");
  ASSERT_EQ(set.group_ids.size(), static_cast<std::size_t>(kIds));
  EXPECT_EQ(set.group_ids.back(), static_cast<TraceId>(static_cast<unsigned long long>(kIds) << 32));
}

std::string ones_shape(std::size_t dims) {
  std::string shape = "1";
  for (std::size_t k = 1; k < dims; ++k) shape += ",1";
  return shape;
}

// numpy 1.24: np.array([1.0]).reshape([1] * 32) prints 32 brackets around
// `1.`; 33 dimensions raise "maximum supported dimension for an ndarray is 32".
TEST(Hostile, TensorOfMoreThan32DimensionsIsRejectedAsNumpyDoes) {
  EXPECT_EQ(format_tensor("FP64", ones_shape(32), "1"), std::string(32, '[') + "1." + std::string(32, ']'));
  EXPECT_THROW(format_tensor("FP64", ones_shape(33), "1"), TensorError);
  EXPECT_THROW(format_tensor("FP64", "-1," + ones_shape(32), "1"), TensorError);
}

TEST(Hostile, TensorOf100000DimensionsFailsWithOneLineNamingTheTrace) {
  const std::string text = R"([{"id":5,"activity":"TENSOR_QUEUE_INPUT","tensor":{"name":"IN\u001b[31m","data":"1","shape":")" +
                           ones_shape(100000) + R"(","dtype":"FP32"}}])";
  const std::string error = testing::report_error(text);
  EXPECT_EQ(error.rfind("trace 5: tensor IN\\x1b[31m: shape \"1,1,", 0), 0u) << error;
  EXPECT_NE(error.find("has 100000 dimensions; numpy supports at most 32"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
}

// README "Limits": the 65,537th distinct timestamp name stops the file.
TEST(Hostile, AtMost65536DistinctTimestampNames) {
  auto records = [](int names) {
    std::string text = "[";
    for (int k = 0; k < names; ++k) {
      text += (k ? "," : "") + std::string(R"({"id":1,"timestamps":[{"name":"N)") + std::to_string(k) + R"(","ns":1}]})";
    }
    return text + "]";
  };
  EXPECT_EQ(load_text(records(65536)).names.size(), 65536u);
  const std::string error = testing::load_error(records(65537));
  EXPECT_NE(error.find(": record 65537: timestamps[0]: too many distinct timestamp names"), std::string::npos) << error;
  EXPECT_EQ(error.rfind("line 1, column ", 0), 0u) << error;
}

// A value quoted in a message: escapes and a cut inside a UTF-8 sequence
// leave one printable line (printable() changes nothing in it).
TEST(Hostile, QuotedValuesInMessagesArePrintable) {
  // 5 bytes of escapes, 34 letters, then "é": the 40-byte cut falls inside it.
  const std::string value = R"(\u001b[2J\n)" + std::string(34, 'a') + "\xc3\xa9\xc3\xa9";
  const std::string second = testing::load_error(R"([")" + value + R"("])");
  EXPECT_EQ(second, "line 1, column 53: record 1 is the string \"\\x1b[2J\\x0a" + std::string(34, 'a') +
                        "...\", not an object")
      << second;
  EXPECT_EQ(printable(second), second);
}

}  // namespace
}  // namespace trace_summary
