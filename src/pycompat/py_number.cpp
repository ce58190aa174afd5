#include "pycompat/py_number.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace trace_summary {
namespace {

// Python's int.bit_length(): from the count of leading zero bits, not a
// loop over the bits (a report of a million models calls it ten million times).
int bit_length(wide_uint v) {
  const auto high = static_cast<std::uint64_t>(v >> 64), low = static_cast<std::uint64_t>(v);
  if (high != 0) return 128 - __builtin_clzll(high);
  return low == 0 ? 0 : 64 - __builtin_clzll(low);
}

// Shortest round-trip digits and decimal exponent of a positive finite double:
// x == 0.d1d2d3... * 10^decpt.
struct ShortestDigits {
  std::string digits;
  int decpt = 0;
};

ShortestDigits shortest_digits(double x) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
  const auto e_pos = text.find('e');
  ShortestDigits out;
  for (char c : text.substr(0, e_pos)) {
    if (c != '.') out.digits.push_back(c);
  }
  out.decpt = std::atoi(std::string(text.substr(e_pos + 1)).c_str()) + 1;
  return out;
}

std::string positional(const ShortestDigits& d) {
  const int n = static_cast<int>(d.digits.size());
  if (d.decpt <= 0) return "0." + std::string(static_cast<std::size_t>(-d.decpt), '0') + d.digits;
  if (d.decpt >= n) return d.digits + std::string(static_cast<std::size_t>(d.decpt - n), '0') + ".0";
  return d.digits.substr(0, static_cast<std::size_t>(d.decpt)) + "." +
         d.digits.substr(static_cast<std::size_t>(d.decpt));
}

std::string scientific(const ShortestDigits& d) {
  std::string out = d.digits.substr(0, 1);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  const int exp = d.decpt - 1;
  out += exp < 0 ? "e-" : "e+";
  const int mag = exp < 0 ? -exp : exp;
  if (mag < 10) out += '0';
  out += std::to_string(mag);
  return out;
}

}  // namespace

std::string py_float_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
  const std::string sign = x < 0 ? "-" : "";
  const ShortestDigits d = shortest_digits(std::fabs(x));
  // Python switches to scientific notation when the decimal exponent is
  // below -4 or at least 16.
  const bool use_scientific = d.decpt < -3 || d.decpt > 16;
  return sign + (use_scientific ? scientific(d) : positional(d));
}

double exact_ratio(wide_int numerator, std::uint64_t denominator) {
  if (numerator == 0) return 0.0;
  const bool negative = numerator < 0;
  wide_uint a = negative ? wide_uint(0) - static_cast<wide_uint>(numerator)
                         : static_cast<wide_uint>(numerator);
  wide_uint b = denominator;
  // Scale so that the integer quotient has 55 or 56 significant bits.
  int scale = 55 - (bit_length(a) - bit_length(b));
  if (scale > 0) {
    a <<= scale;
  } else {
    b <<= -scale;
  }
  wide_uint q = a / b;
  const bool sticky = (a % b) != 0;
  // Round q to 53 bits, half to even, remembering the discarded remainder.
  const int drop = bit_length(q) - 53;
  const wide_uint half = wide_uint(1) << (drop - 1);
  const wide_uint rest = q & ((wide_uint(1) << drop) - 1);
  q >>= drop;
  if (rest > half || (rest == half && (sticky || (q & 1)))) ++q;
  const double magnitude = std::ldexp(static_cast<double>(q), drop - scale);
  return negative ? -magnitude : magnitude;
}

std::string py_ratio_repr(wide_int numerator, std::uint64_t denominator) {
  return py_float_repr(exact_ratio(numerator, denominator));
}

std::string py_micros_repr(std::uint64_t ns) {
  // Below 10^15 the exact decimal ns/1000 has at most 15 significant digits,
  // so no shorter decimal reads back to the same double: it is the shortest
  // repr, and Python writes it positionally (1e-3 <= value < 1e16).
  if (ns >= 1'000'000'000'000'000ull) return py_ratio_repr(static_cast<wide_int>(ns), 1000);
  char buf[32];
  const std::uint64_t whole = ns / 1000;
  unsigned frac = static_cast<unsigned>(ns % 1000);
  auto end = std::to_chars(buf, buf + sizeof buf, whole).ptr;
  *end++ = '.';
  if (frac == 0) {
    *end++ = '0';
  } else {
    char digits[3] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                      static_cast<char>('0' + frac % 10)};
    int n = 3;
    while (digits[n - 1] == '0') --n;
    for (int i = 0; i < n; ++i) *end++ = digits[i];
  }
  return std::string(buf, end);
}

std::string wide_int_to_string(wide_int value) {
  if (value == 0) return "0";
  const bool negative = value < 0;
  wide_uint mag = negative ? wide_uint(0) - static_cast<wide_uint>(value) : static_cast<wide_uint>(value);
  std::string out;
  while (mag != 0) {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  }
  return negative ? "-" + out : out;
}

}  // namespace trace_summary
