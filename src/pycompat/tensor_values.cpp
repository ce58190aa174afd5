#include "pycompat/tensor_values.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>

#include "base/errors.hpp"
#include "pycompat/numpy_print.hpp"

namespace trace_summary {
namespace {

struct Dtype {
  std::string_view name;
  ElementKind kind;
  int bits;
};

constexpr Dtype kDtypes[] = {
    {"BOOL", ElementKind::Bool, 8},       {"UINT8", ElementKind::Unsigned, 8},  {"UINT16", ElementKind::Unsigned, 16},
    {"UINT32", ElementKind::Unsigned, 32}, {"UINT64", ElementKind::Unsigned, 64}, {"INT8", ElementKind::Signed, 8},
    {"INT16", ElementKind::Signed, 16},   {"INT32", ElementKind::Signed, 32},   {"INT64", ElementKind::Signed, 64},
    {"FP16", ElementKind::Float, 16},     {"FP32", ElementKind::Float, 32},     {"FP64", ElementKind::Float, 64},
    {"BYTES", ElementKind::Object, 0},
};

std::string quoted(std::string_view text) {
  constexpr std::size_t kMax = 40;
  return "\"" + printable(text.substr(0, kMax)) + (text.size() > kMax ? "...\"" : "\"");
}

// Python's str.strip() for the white space float() and int() ignore: ASCII
// white space, the separators \x1c-\x1f, and the common Unicode spaces.
std::string_view strip_py_space(std::string_view s) {
  auto space_at_front = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    const auto c = static_cast<unsigned char>(t[0]);
    if (c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f)) return 1;
    for (std::string_view u : {"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf",
                               "\xe2\x81\x9f", "\xe3\x80\x80"}) {
      if (t.substr(0, u.size()) == u) return u.size();
    }
    if (t.size() >= 3 && c == 0xe2 && static_cast<unsigned char>(t[1]) == 0x80 &&
        static_cast<unsigned char>(t[2]) >= 0x80 && static_cast<unsigned char>(t[2]) <= 0x8a) {
      return 3;  // U+2000..U+200A
    }
    return 0;
  };
  auto space_at_back = [&](std::string_view t) -> std::size_t {
    for (std::size_t len = 1; len <= 3 && len <= t.size(); ++len) {
      const std::size_t n = space_at_front(t.substr(t.size() - len));
      if (n == len) return len;
    }
    return 0;
  };
  while (std::size_t n = space_at_front(s)) s.remove_prefix(n);
  while (std::size_t n = space_at_back(s)) s.remove_suffix(n);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Digits with single underscores between them; appends the digits to `out`.
std::size_t scan_digits(std::string_view s, std::size_t i, std::string& out) {
  const std::size_t start = i;
  while (i < s.size()) {
    if (is_digit(s[i])) {
      out += s[i++];
    } else if (s[i] == '_' && i > start && i + 1 < s.size() && is_digit(s[i - 1]) && is_digit(s[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// Python's int(text) for a shape part; nullopt where Python raises.
std::optional<long long> parse_py_int(std::string_view text) {
  std::string_view s = strip_py_space(text);
  std::string digits;
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  const std::size_t end = scan_digits(s, i, digits);
  if (digits.empty() || end != s.size()) return std::nullopt;
  errno = 0;
  const long long v = std::strtoll(digits.c_str(), nullptr, 10);
  if (errno == ERANGE) return std::nullopt;
  return negative ? -v : v;
}

// Python's int(v) for a float, as numpy 1.24 stores it in an integer dtype:
// the integer must fit in int64 (uint64 for UINT64), then wraps to `bits`.
std::optional<std::uint64_t> py_float_to_int_bits(double v, bool is_unsigned, int bits, std::string& why) {
  if (std::isnan(v)) {
    why = "cannot convert float NaN to integer";
    return std::nullopt;
  }
  const double t = std::trunc(v);
  const double two63 = 9223372036854775808.0;
  const bool fits = t >= -two63 && (t < two63 || (is_unsigned && bits == 64 && t < 2 * two63));
  if (std::isinf(v) || !fits) {
    why = "is too large for the integer type";
    return std::nullopt;
  }
  const std::uint64_t raw = t < 0 ? static_cast<std::uint64_t>(static_cast<std::int64_t>(t)) : static_cast<std::uint64_t>(t);
  if (bits == 64) return raw;
  return raw & ((std::uint64_t{1} << bits) - 1);
}

std::int64_t sign_extend(std::uint64_t bits_value, int bits) {
  if (bits == 64) return static_cast<std::int64_t>(bits_value);
  const std::uint64_t sign = std::uint64_t{1} << (bits - 1);
  return static_cast<std::int64_t>((bits_value ^ sign)) - static_cast<std::int64_t>(sign);
}

// next(csv.reader([line], skipinitialspace=True)): the excel dialect.
std::vector<std::string> parse_csv_line(std::string_view line) {
  constexpr std::size_t kFieldLimit = 131072;  // csv.field_size_limit()
  enum class State { StartRecord, StartField, InField, InQuoted, QuoteInQuoted, EatCrnl };
  std::vector<std::string> fields;
  std::string field;
  State state = State::StartRecord;
  auto save = [&] {
    fields.push_back(std::move(field));
    field.clear();
  };
  auto add = [&](char c) {
    if (field.size() >= kFieldLimit) throw TensorError("a BYTES value is larger than the CSV field limit (131072)");
    field += c;
  };
  for (std::size_t i = 0; i <= line.size(); ++i) {
    const bool eol = i == line.size();
    const char c = eol ? '\0' : line[i];
    const bool newline = !eol && (c == '\n' || c == '\r');
    switch (state) {
      case State::StartRecord:
        if (eol) return fields;
        if (newline) {
          state = State::EatCrnl;
          break;
        }
        state = State::StartField;
        [[fallthrough]];
      case State::StartField:
        if (eol || newline) {
          save();
          state = eol ? State::StartRecord : State::EatCrnl;
        } else if (c == '"') {
          state = State::InQuoted;
        } else if (c == ' ') {
          // skipinitialspace
        } else if (c == ',') {
          save();
        } else {
          add(c);
          state = State::InField;
        }
        break;
      case State::InField:
        if (eol || newline) {
          save();
          state = eol ? State::StartRecord : State::EatCrnl;
        } else if (c == ',') {
          save();
          state = State::StartField;
        } else {
          add(c);
        }
        break;
      case State::InQuoted:
        if (eol) {
          // The line ends inside quotes: with no further line, the field is saved.
          save();
          return fields;
        }
        if (c == '"') {
          state = State::QuoteInQuoted;
        } else {
          add(c);
        }
        break;
      case State::QuoteInQuoted:
        if (c == '"' && !eol) {
          add('"');
          state = State::InQuoted;
        } else if (c == ',' && !eol) {
          save();
          state = State::StartField;
        } else if (eol || newline) {
          save();
          state = eol ? State::StartRecord : State::EatCrnl;
        } else {
          add(c);
          state = State::InField;
        }
        break;
      case State::EatCrnl:
        if (eol) return fields;
        if (!newline) throw TensorError("new-line character seen in an unquoted BYTES field");
        break;
    }
  }
  return fields;
}

std::vector<std::size_t> reshape(std::string_view shape_text, std::size_t size) {
  std::vector<long long> dims;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = shape_text.find(',', start);
    const std::string_view part = shape_text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    const std::optional<long long> dim = parse_py_int(part);
    if (!dim) throw TensorError("shape " + quoted(shape_text) + " is not a list of integers");
    dims.push_back(*dim);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  // numpy: "maximum supported dimension for an ndarray is 32"; the printer
  // recurses once per dimension, so this also bounds its depth.
  constexpr std::size_t kMaxDims = 32;
  if (dims.size() > kMaxDims) {
    throw TensorError("shape " + quoted(shape_text) + " has " + std::to_string(dims.size()) +
                      " dimensions; numpy supports at most 32");
  }
  std::size_t unknown = dims.size();
  unsigned long long known = 1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] < 0) {  // numpy takes any negative dimension for the unknown one
      if (unknown != dims.size()) throw TensorError("shape " + quoted(shape_text) + " has more than one unknown dimension");
      unknown = i;
    } else if (__builtin_mul_overflow(known, static_cast<unsigned long long>(dims[i]), &known)) {
      throw TensorError("shape " + quoted(shape_text) + " is too large");
    }
  }
  const std::string mismatch =
      "shape " + quoted(shape_text) + " does not fit the " + std::to_string(size) + " values of the data";
  if (unknown != dims.size()) {
    if (known == 0 || size % known != 0) throw TensorError(mismatch);
    dims[unknown] = static_cast<long long>(size / known);
  } else if (known != size) {
    throw TensorError(mismatch);
  }
  return std::vector<std::size_t>(dims.begin(), dims.end());
}

void store_number(TensorValues& out, const Dtype& dtype, double v, std::string_view text) {
  switch (dtype.kind) {
    case ElementKind::Bool: out.bools.push_back(v != 0 || std::isnan(v)); return;
    case ElementKind::Float:
      out.floats.push_back(dtype.bits == 16 ? round_to_half(v) : dtype.bits == 32 ? static_cast<double>(static_cast<float>(v)) : v);
      return;
    case ElementKind::Signed:
    case ElementKind::Unsigned: {
      std::string why;
      const auto bits = py_float_to_int_bits(v, dtype.kind == ElementKind::Unsigned, dtype.bits, why);
      if (!bits) throw TensorError("tensor value " + quoted(text) + " " + why + " (dtype " + std::string(dtype.name) + ")");
      if (dtype.kind == ElementKind::Unsigned) {
        out.uints.push_back(*bits);
      } else {
        out.ints.push_back(sign_extend(*bits, dtype.bits));
      }
      return;
    }
    case ElementKind::Object: break;
  }
}

}  // namespace

std::size_t TensorValues::size() const {
  switch (kind) {
    case ElementKind::Bool: return bools.size();
    case ElementKind::Signed: return ints.size();
    case ElementKind::Unsigned: return uints.size();
    case ElementKind::Float: return floats.size();
    case ElementKind::Object: break;
  }
  return strings.size();
}

bool parse_py_float(std::string_view text, double& value) {
  std::string_view s = strip_py_space(text);
  std::string clean;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
  const std::string_view word = s.substr(i);
  if (iequals(word, "inf") || iequals(word, "infinity") || iequals(word, "nan")) {
    value = std::strtod((clean + std::string(word)).c_str(), nullptr);
    return true;
  }
  const std::size_t int_end = scan_digits(s, i, clean);
  bool has_digits = int_end > i;
  i = int_end;
  if (i < s.size() && s[i] == '.') {
    clean += '.';
    const std::size_t frac_end = scan_digits(s, i + 1, clean);
    has_digits = has_digits || frac_end > i + 1;
    i = frac_end;
  }
  if (!has_digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    clean += 'e';
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    const std::size_t exp_end = scan_digits(s, i, clean);
    if (exp_end == i) return false;
    i = exp_end;
  }
  if (i != s.size()) return false;
  value = std::strtod(clean.c_str(), nullptr);
  return true;
}

double round_to_half(double x) {
  if (std::isnan(x) || std::isinf(x) || x == 0) return x;
  const double mag = std::fabs(x);
  // Half: 10-bit fraction; normal exponents -14..15; subnormal step 2^-24.
  int exp = std::ilogb(mag);
  if (exp < -14) exp = -14;
  const double step = std::ldexp(1.0, exp - 10);
  const double rounded = std::nearbyint(mag / step) * step;  // ties to even (default rounding mode)
  const double result = rounded >= 65520.0 ? std::numeric_limits<double>::infinity() : rounded;
  return std::copysign(result, x);
}

TensorValues tensor_values(std::string_view dtype_name, std::string_view shape, std::string_view data) {
  const Dtype* dtype = nullptr;
  for (const Dtype& d : kDtypes) {
    if (d.name == dtype_name) dtype = &d;
  }
  if (dtype == nullptr) throw TensorError("unknown dtype " + quoted(dtype_name));
  TensorValues out;
  out.kind = dtype->kind;
  out.float_bits = dtype->bits;
  if (dtype->kind == ElementKind::Object) {
    out.strings = parse_csv_line(data);
  } else {
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = data.find(',', start);
      const std::string_view part = data.substr(start, comma == std::string_view::npos ? comma : comma - start);
      double v = 0;
      if (!parse_py_float(part, v)) {
        throw TensorError("tensor value " + quoted(part) + " is not a number (dtype " + std::string(dtype->name) + ")");
      }
      store_number(out, *dtype, v, part);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  out.shape = reshape(shape, out.size());
  return out;
}

}  // namespace trace_summary
