#include "pycompat/py_value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "pycompat/py_number.hpp"

namespace trace_summary {
namespace {

// Exact decimal text of an integral double (`1e+20` -> `100000000000000000000`).
std::string integral_double_text(double value) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", value);
  return buf;
}

}  // namespace

std::string PyScalar::equality_key() const {
  switch (kind) {
    case Kind::String:
      return "s" + text;
    case Kind::Int:
      return "i" + text;
    case Kind::Bool:
      return text == "True" ? "i1" : "i0";
    case Kind::Float: {
      if (text == "inf" || text == "-inf" || text == "nan") return "f" + text;
      // strtod, not stod: a subnormal such as 5e-324 is a valid float that
      // stod rejects with out_of_range.
      const double v = std::strtod(text.c_str(), nullptr);
      if (v == std::floor(v)) return "i" + integral_double_text(v == 0 ? 0.0 : v);
      return "f" + text;
    }
    case Kind::Null:
      break;
  }
  return "n";
}

PyScalar PyScalar::string(std::string s) { return {Kind::String, std::move(s)}; }

PyScalar PyScalar::integer_text(std::string decimal) {
  // JSON allows "-0", which Python reads as the integer 0.
  if (decimal == "-0") decimal = "0";
  return {Kind::Int, std::move(decimal)};
}

PyScalar PyScalar::floating(double value) { return {Kind::Float, py_float_repr(value)}; }

PyScalar PyScalar::boolean(bool value) { return {Kind::Bool, value ? "True" : "False"}; }

PyScalar PyScalar::null() { return {Kind::Null, "None"}; }

}  // namespace trace_summary
