// Numbers as Python prints them. Every expected string below is what
// CPython 3.11 prints for `str(n / d)` with the same integers.
#include "pycompat/py_number.hpp"
#include "pycompat/py_value.hpp"

#include <gtest/gtest.h>

#include <string>

namespace trace_summary {
namespace {

wide_int parse_wide(const std::string& text) {
  wide_int v = 0;
  const bool negative = text[0] == '-';
  for (std::size_t i = negative ? 1 : 0; i < text.size(); ++i) v = v * 10 + (text[i] - '0');
  return negative ? -v : v;
}

struct RatioCase {
  const char* numerator;
  std::uint64_t denominator;
  const char* printed;
};

class PyRatioRepr : public ::testing::TestWithParam<RatioCase> {};

TEST_P(PyRatioRepr, MatchesPython) {
  const RatioCase& c = GetParam();
  EXPECT_EQ(py_ratio_repr(parse_wide(c.numerator), c.denominator), c.printed)
      << c.numerator << " / " << c.denominator;
}

INSTANTIATE_TEST_SUITE_P(
    SpecTableAndMore, PyRatioRepr,
    ::testing::Values(
        // Python's float repr of sum / (count * 1000), worked out by hand.
        RatioCase{"17000", 1000, "17.0"}, RatioCase{"100", 1000, "0.1"}, RatioCase{"1", 3, "0.3333333333333333"},
        RatioCase{"-74000", 1000, "-74.0"}, RatioCase{"1", 10000, "0.0001"}, RatioCase{"1", 100000, "1e-05"},
        RatioCase{"9999999999999998000", 1000, "9999999999999998.0"},
        RatioCase{"10000000000000000000", 1000, "1e+16"}, RatioCase{"0", 1000, "0.0"},
        // Beyond 64 bits, rounding ties, tiny quotients.
        RatioCase{"1267650600228229401496703205377", 3, "4.2255020007607644e+29"},
        RatioCase{"18446744073709551615", 1000, "1.844674407370955e+16"},
        RatioCase{"-9223372036854775808", 1000, "-9223372036854776.0"},
        RatioCase{"123456789", 7000, "17636.684142857142"}, RatioCase{"5", 2, "2.5"}, RatioCase{"7", 2, "3.5"},
        RatioCase{"9007199254740993", 1, "9007199254740992.0"},      // tie, rounds to even
        RatioCase{"18014398509481986", 4, "4503599627370496.0"},     // tie, rounds to even
        RatioCase{"1000000000000000000000000000000", 3, "3.333333333333333e+29"},
        RatioCase{"1", 18446744073709551615ull, "5.421010862427522e-20"}, RatioCase{"3242", 5000, "0.6484"},
        RatioCase{"22458", 6000, "3.743"}));

TEST(PyFloatRepr, SpecialValues) {
  EXPECT_EQ(py_float_repr(-0.0), "-0.0");
  EXPECT_EQ(py_float_repr(1.0 / 0.0), "inf");
  EXPECT_EQ(py_float_repr(-1.0 / 0.0), "-inf");
  EXPECT_EQ(py_float_repr(0.0 / 0.0), "nan");
  EXPECT_EQ(py_float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(py_float_repr(5e-324), "5e-324");
  EXPECT_EQ(py_float_repr(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(py_float_repr(0.00012), "0.00012");
}

TEST(PyMicrosRepr, AgreesWithTheGeneralPathEverywhere) {
  // The fast path must print exactly what the exact-division path prints.
  const std::uint64_t samples[] = {0, 1, 10, 100, 999, 1000, 1001, 17000, 123456, 5000000000123, 999999999999999,
                                   1000000000000000, 1000000000000001, 18446744073709551615ull};
  for (std::uint64_t ns : samples) {
    EXPECT_EQ(py_micros_repr(ns), py_ratio_repr(static_cast<wide_int>(ns), 1000)) << ns;
  }
  std::uint64_t x = 88172645463325252ull;  // xorshift: many magnitudes
  for (int i = 0; i < 200000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const std::uint64_t ns = x >> (i % 60);
    ASSERT_EQ(py_micros_repr(ns), py_ratio_repr(static_cast<wide_int>(ns), 1000)) << ns;
  }
  EXPECT_EQ(py_micros_repr(12345), "12.345");
  EXPECT_EQ(py_micros_repr(400), "0.4");
}

TEST(WideIntToString, PrintsFullRange) {
  EXPECT_EQ(wide_int_to_string(0), "0");
  EXPECT_EQ(wide_int_to_string(-42), "-42");
  EXPECT_EQ(wide_int_to_string(parse_wide("18446744073709551615")), "18446744073709551615");
  EXPECT_EQ(wide_int_to_string(parse_wide("-9223372036854775808")), "-9223372036854775808");
}

// Python's `==` between floats at the edges of a double and ints: 5e-324 is
// no integer; 1e308 == int(1e308); 0.0 == 0 (and 1e-400 reads as 0.0).
TEST(PyScalarKey, ExtremeFloats) {
  EXPECT_EQ(PyScalar::floating(5e-324).equality_key(), "f5e-324");
  EXPECT_EQ(PyScalar::floating(-5e-324).equality_key(), "f-5e-324");
  EXPECT_EQ(PyScalar::floating(2.2250738585072014e-308).equality_key(), "f2.2250738585072014e-308");
  EXPECT_EQ(PyScalar::floating(0.0).equality_key(), PyScalar::integer_text("0").equality_key());
  // int(1e308), as python3 prints it.
  EXPECT_EQ(PyScalar::floating(1e308).equality_key(),
            "i100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336");
}

}  // namespace
}  // namespace trace_summary
