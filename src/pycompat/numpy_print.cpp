// numpy 1.24's str(array) for the dtypes Triton traces hold, following
// numpy/core/arrayprint.py: _formatArray's nesting and line wrapping,
// summarisation above 1000 elements, and the Bool/Integer/Floating/object
// element formats with their default options.
#include "pycompat/numpy_print.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "pycompat/tensor_values.hpp"

namespace trace_summary {
namespace {

constexpr std::size_t kThreshold = 1000;
constexpr std::size_t kEdgeItems = 3;
constexpr std::size_t kLineWidth = 75;
constexpr int kPrecision = 8;

// ---- Float digits ------------------------------------------------------

// A positive finite value as digits d1d2... and decpt: 0.d1d2... x 10^decpt.
struct Digits {
  std::string digits;
  int decpt = 0;
};

Digits parse_scientific(const char* text) {
  Digits d;
  const char* p = text;
  for (; *p != 'e' && *p != '\0'; ++p) {
    if (*p != '.') d.digits += *p;
  }
  d.decpt = (*p == 'e' ? std::atoi(p + 1) : 0) + 1;
  return d;
}

// Half precision: the fewest significant digits that read back to `v`; of
// those, the closest to it. Next to the correctly rounded decimal its
// neighbours are tried too: below a power of two the gaps are uneven.
Digits shortest_half_digits(double v) {
  char buf[64];
  auto reads_back = [v, &buf](long long m, int exp10) {
    std::snprintf(buf, sizeof buf, "%llde%d", m, exp10);
    return m > 0 && round_to_half(std::strtod(buf, nullptr)) == v;
  };
  for (int precision = 0; precision < 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*e", precision, v);
    const Digits nearest = parse_scientific(buf);  // correctly rounded, ties to even
    const long long m = std::atoll(nearest.digits.c_str());
    const int exp10 = nearest.decpt - 1 - precision;
    if (reads_back(m, exp10)) return nearest;
    // Below a power of two the gaps are uneven: a neighbour may read back.
    for (long long neighbour : {m - 1, m + 1}) {
      if (!reads_back(neighbour, exp10)) continue;
      std::snprintf(buf, sizeof buf, "%.*e", precision, std::strtod(buf, nullptr));
      return parse_scientific(buf);
    }
  }
  std::snprintf(buf, sizeof buf, "%.17e", v);
  return parse_scientific(buf);
}

// The shortest digits that read back to `v` in its own precision (Dragon4's
// unique mode).
Digits shortest_digits(double v, int bits) {
  char buf[64];
  if (bits == 64) {
    *std::to_chars(buf, buf + sizeof buf - 1, v, std::chars_format::scientific).ptr = '\0';
    return parse_scientific(buf);
  }
  if (bits == 32) {
    *std::to_chars(buf, buf + sizeof buf - 1, static_cast<float>(v), std::chars_format::scientific).ptr = '\0';
    return parse_scientific(buf);
  }
  return shortest_half_digits(v);
}

// Digits of `v` correctly rounded (ties to even) to `fraction_digits` after
// the point (positional) or after the first digit (scientific).
Digits rounded_digits(double v, int fraction_digits, bool scientific) {
  char buf[512];
  std::snprintf(buf, sizeof buf, scientific ? "%.*e" : "%.*f", fraction_digits, v);
  if (scientific) return parse_scientific(buf);
  Digits d;
  const char* p = buf;
  int int_digits = 0;
  for (; *p != '.' && *p != '\0'; ++p, ++int_digits) d.digits += *p;
  if (*p == '.') ++p;
  for (; *p != '\0'; ++p) d.digits += *p;
  d.decpt = int_digits;
  // Leading zeros belong to the exponent.
  while (d.digits.size() > 1 && d.digits[0] == '0') {
    d.digits.erase(0, 1);
    --d.decpt;
  }
  return d;
}

// Dragon4 in unique mode with a cutoff: the shortest digits, unless they
// need more than `precision` fraction digits; then the value rounded there.
Digits unique_digits(double v, int bits, int precision, bool scientific) {
  Digits d = shortest_digits(v, bits);
  const int fraction = scientific ? static_cast<int>(d.digits.size()) - 1 : static_cast<int>(d.digits.size()) - d.decpt;
  if (fraction > precision) d = rounded_digits(v, precision, scientific);
  return d;
}

struct FloatText {
  std::string int_part;   // with the sign
  std::string frac_part;  // without the point
  std::string exponent;   // scientific: "-05"
};

// dragon4_positional / dragon4_scientific with unique=True and a trim mode
// ('.': drop trailing zeros, keep the point; 'k': keep them), before padding.
FloatText float_text(double v, int bits, int precision, int min_digits, bool trim_zeros, bool scientific) {
  FloatText t;
  const std::string sign = std::signbit(v) ? "-" : "";
  const double mag = std::fabs(v);
  Digits d;
  if (mag == 0) {
    d.digits = "0";
    d.decpt = 1;
  } else {
    d = unique_digits(mag, bits, precision, scientific);
    // min_digits: digits past the unique ones are the value's own, rounded.
    const int fraction = scientific ? static_cast<int>(d.digits.size()) - 1 : static_cast<int>(d.digits.size()) - d.decpt;
    if (fraction < min_digits) d = rounded_digits(mag, min_digits, scientific);
  }
  if (scientific) {
    t.int_part = sign + d.digits.substr(0, 1);
    t.frac_part = d.digits.substr(1);
    const int exp = mag == 0 ? 0 : d.decpt - 1;
    t.exponent = (exp < 0 ? "-" : "+") + std::to_string(exp < 0 ? -exp : exp);
  } else if (d.decpt <= 0) {
    t.int_part = sign + "0";
    t.frac_part = std::string(static_cast<std::size_t>(-d.decpt), '0') + d.digits;
  } else if (static_cast<std::size_t>(d.decpt) >= d.digits.size()) {
    t.int_part = sign + d.digits + std::string(static_cast<std::size_t>(d.decpt) - d.digits.size(), '0');
  } else {
    t.int_part = sign + d.digits.substr(0, static_cast<std::size_t>(d.decpt));
    t.frac_part = d.digits.substr(static_cast<std::size_t>(d.decpt));
  }
  if (trim_zeros) {
    while (!t.frac_part.empty() && t.frac_part.back() == '0') t.frac_part.pop_back();
  }
  if (static_cast<int>(t.frac_part.size()) < min_digits) t.frac_part.resize(static_cast<std::size_t>(min_digits), '0');
  return t;
}

// ---- Element formats ---------------------------------------------------

class ElementFormat {
 public:
  virtual ~ElementFormat() = default;
  virtual std::string operator()(std::size_t index) const = 0;
};

class BoolFormat : public ElementFormat {
 public:
  explicit BoolFormat(const TensorValues& v) : v_(v) {}
  std::string operator()(std::size_t i) const override { return v_.bools[i] ? " True" : "False"; }

 private:
  const TensorValues& v_;
};

template <typename Int>
std::string int_text(Int x) {
  char buf[24];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, x).ptr);
}

// '%{w}d' with w the widest of str(max) and str(min) of the shown values.
class IntegerFormat : public ElementFormat {
 public:
  IntegerFormat(const TensorValues& v, const std::vector<std::size_t>& shown) : v_(v) {
    for (std::size_t i : shown) width_ = std::max(width_, text(i).size());
  }
  std::string operator()(std::size_t i) const override {
    std::string s = text(i);
    return std::string(width_ > s.size() ? width_ - s.size() : 0, ' ') + s;
  }

 private:
  std::string text(std::size_t i) const {
    return v_.kind == ElementKind::Signed ? int_text(v_.ints[i]) : int_text(v_.uints[i]);
  }
  const TensorValues& v_;
  std::size_t width_ = 0;
};

// repr() of a Python str: single quotes unless it holds ' and no ".
std::string py_str_repr(const std::string& s);

class ObjectFormat : public ElementFormat {
 public:
  explicit ObjectFormat(const TensorValues& v) : v_(v) {}
  std::string operator()(std::size_t i) const override { return py_str_repr(v_.strings[i]); }

 private:
  const TensorValues& v_;
};

// A value's type in its own precision, for the comparisons numpy makes in it.
double in_precision(double x, int bits) {
  if (bits == 16) return round_to_half(x);
  if (bits == 32) return static_cast<double>(static_cast<float>(x));
  return x;
}

class FloatingFormat : public ElementFormat {
 public:
  FloatingFormat(const TensorValues& v, const std::vector<std::size_t>& shown) : v_(v), bits_(v.float_bits) {
    std::vector<double> finite;
    for (std::size_t i : shown) {
      if (std::isfinite(v.floats[i])) finite.push_back(v.floats[i]);
    }
    choose_notation(finite);
    measure(finite);
    pad_for_non_finite(shown, finite.size());
  }

  std::string operator()(std::size_t i) const override {
    const double x = v_.floats[i];
    if (!std::isfinite(x)) {
      const std::string ret = std::isnan(x) ? "nan" : (x < 0 ? "-inf" : "inf");
      const std::size_t width = static_cast<std::size_t>(pad_left_ + pad_right_ + 1);
      return std::string(width > ret.size() ? width - ret.size() : 0, ' ') + ret;
    }
    const FloatText t = float_text(x, bits_, precision_, min_digits_, !exp_format_, exp_format_);
    std::string out(static_cast<std::size_t>(std::max(0, pad_left_ - static_cast<int>(t.int_part.size()))), ' ');
    out += t.int_part + "." + t.frac_part;
    if (exp_format_) {
      std::string digits = t.exponent.substr(1);
      if (static_cast<int>(digits.size()) < std::max(2, exp_size_)) {
        digits.insert(0, static_cast<std::size_t>(std::max(2, exp_size_)) - digits.size(), '0');
      }
      out += "e" + t.exponent.substr(0, 1) + digits;
    } else {
      out += std::string(static_cast<std::size_t>(std::max(0, pad_right_ - static_cast<int>(t.frac_part.size()))), ' ');
    }
    return out;
  }

 private:
  // Scientific when the largest magnitude is 1e8 or more, the smallest below
  // 1e-4, or their ratio over 1000, compared in the array's precision.
  void choose_notation(const std::vector<double>& finite) {
    double max_val = 0, min_val = 0;
    bool any = false;
    for (double x : finite) {
      if (x == 0) continue;
      const double a = std::fabs(x);
      max_val = any ? std::max(max_val, a) : a;
      min_val = any ? std::min(min_val, a) : a;
      any = true;
    }
    if (!any) return;
    exp_format_ = max_val >= in_precision(1e8, bits_) || min_val < in_precision(1e-4, bits_) ||
                  ratio_in_precision(max_val, min_val) > 1000.0;
  }

  // max / min as numpy divides them: in the array's own type (half: via float).
  double ratio_in_precision(double max_val, double min_val) const {
    if (bits_ == 64) return max_val / min_val;
    const float ratio = static_cast<float>(max_val) / static_cast<float>(min_val);
    return bits_ == 32 ? static_cast<double>(ratio) : round_to_half(static_cast<double>(ratio));
  }

  // The first pass over the values that sets widths and precision.
  void measure(const std::vector<double>& finite) {
    if (finite.empty()) return;
    int max_int = 0, max_frac = 0, max_exp = 0;
    for (double x : finite) {
      const FloatText t = float_text(x, bits_, kPrecision, 0, true, exp_format_);
      max_int = std::max(max_int, static_cast<int>(t.int_part.size()));
      max_frac = std::max(max_frac, static_cast<int>(t.frac_part.size()));
      if (exp_format_) max_exp = std::max(max_exp, static_cast<int>(std::max<std::size_t>(t.exponent.size() - 1, 2)));
    }
    pad_left_ = max_int;
    if (exp_format_) {
      exp_size_ = max_exp;
      precision_ = min_digits_ = max_frac;
      pad_right_ = exp_size_ + 2 + precision_;
    } else {
      pad_right_ = max_frac;
    }
  }

  void pad_for_non_finite(const std::vector<std::size_t>& shown, std::size_t finite_count) {
    if (shown.size() == finite_count) return;
    bool negative_inf = false;
    for (std::size_t i : shown) negative_inf = negative_inf || (std::isinf(v_.floats[i]) && v_.floats[i] < 0);
    const int offset = pad_right_ + 1;
    pad_left_ = std::max({pad_left_, 3 - offset, 3 + (negative_inf ? 1 : 0) - offset});
  }

  const TensorValues& v_;
  int bits_;
  bool exp_format_ = false;
  int precision_ = kPrecision;
  int min_digits_ = 0;
  int pad_left_ = 0;
  int pad_right_ = 0;
  int exp_size_ = -1;
};

// ---- Python's repr of str ------------------------------------------------

// Code points str.isprintable() rejects beyond the C0/C1 controls: spaces
// other than ' ', line/paragraph separators, format characters, surrogates
// and private use. (Unassigned code points are taken as printable.)
bool unprintable(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp == 0xad) return true;
  if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
      (cp >= 0x205f && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206f) || cp == 0x3000 || cp == 0xfeff) {
    return true;
  }
  if ((cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd || cp == 0x70f || cp == 0x180e) return true;
  if ((cp >= 0xd800 && cp <= 0xf8ff) || (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0xe0001 ||
      (cp >= 0xe0020 && cp <= 0xe007f) || cp >= 0xf0000) {
    return true;
  }
  return false;
}

std::string escape_code_point(char32_t cp) {
  char buf[16];
  if (cp == '\n') return "\\n";
  if (cp == '\r') return "\\r";
  if (cp == '\t') return "\\t";
  if (cp < 0x100) {
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
  } else if (cp < 0x10000) {
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(cp));
  }
  return buf;
}

std::string py_str_repr(const std::string& s) {
  const bool has_single = s.find('\'') != std::string::npos;
  const char quote = has_single && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    char32_t cp = len == 1 ? c : (c & (0x7f >> len));
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    if (cp == static_cast<char32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (unprintable(cp)) {
      out += escape_code_point(cp);
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out + quote;
}

// ---- Layout ----------------------------------------------------------------

// Flat indices of the elements numpy formats to size the columns: with
// summarisation, only the first and last kEdgeItems along each long axis.
std::vector<std::size_t> shown_elements(const std::vector<std::size_t>& shape, bool summarise) {
  std::vector<std::size_t> out{0};
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    std::vector<std::size_t> next;
    const std::size_t n = shape[axis];
    for (std::size_t base : out) {
      for (std::size_t k = 0; k < n; ++k) {
        if (summarise && n > 2 * kEdgeItems && k == kEdgeItems) k = n - kEdgeItems;
        next.push_back(base * n + k);
      }
    }
    out = std::move(next);
  }
  return out;
}

class Layout {
 public:
  Layout(const std::vector<std::size_t>& shape, const ElementFormat& format, bool summarise)
      : shape_(shape), format_(format), summarise_(summarise) {}

  std::string render() const { return recurse(0, 0, " ", kLineWidth); }

 private:
  // Python's len(): code points, not bytes.
  static std::size_t length(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  // _extendLine: wrap when the word does not fit, unless wrapping cannot help.
  static void extend_line(std::string& s, std::string& line, const std::string& word, std::size_t width,
                          const std::string& indent) {
    const bool wrap = length(line) + length(word) > width && line.size() > indent.size();
    if (wrap) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      s += line + "\n";
      line = indent;
    }
    line += word;
  }

  // _formatArray's recurser for the sub-array at flat offset `base` of `axis`.
  std::string recurse(std::size_t axis, std::size_t base, const std::string& indent, std::size_t width) const {
    if (axis == shape_.size()) return format_(base);
    const std::string next_indent = indent + " ";
    const std::size_t next_width = width - 1;
    const std::size_t n = shape_[axis];
    const bool summary = summarise_ && 2 * kEdgeItems < n;
    const std::size_t leading = summary ? kEdgeItems : 0;
    const std::size_t trailing = summary ? kEdgeItems : n;
    auto child = [&](std::size_t k) { return recurse(axis + 1, base * n + k, next_indent, next_width); };
    std::string s;
    const std::size_t axes_left = shape_.size() - axis;
    if (axes_left == 1) {
      const std::size_t elem_width = width - 1;  // max(len(' '.rstrip()), len(']'))
      std::string line = indent;
      for (std::size_t i = 0; i < leading; ++i) {
        extend_line(s, line, child(i), elem_width, indent);
        line += ' ';
      }
      if (summary) {
        extend_line(s, line, "...", elem_width, indent);
        line += ' ';
      }
      for (std::size_t i = trailing; i > 1; --i) {
        extend_line(s, line, child(n - i), elem_width, indent);
        line += ' ';
      }
      extend_line(s, line, child(n - 1), elem_width, indent);
      s += line;
    } else {
      const std::string separator = std::string(axes_left - 1, '\n');
      for (std::size_t i = 0; i < leading; ++i) s += indent + child(i) + separator;
      if (summary) s += indent + "..." + separator;
      for (std::size_t i = trailing; i > 1; --i) s += indent + child(n - i) + separator;
      s += indent + child(n - 1);
    }
    return "[" + s.substr(indent.size()) + "]";
  }

  const std::vector<std::size_t>& shape_;
  const ElementFormat& format_;
  bool summarise_;
};

std::unique_ptr<ElementFormat> element_format(const TensorValues& v, const std::vector<std::size_t>& shown) {
  switch (v.kind) {
    case ElementKind::Bool: return std::make_unique<BoolFormat>(v);
    case ElementKind::Signed:
    case ElementKind::Unsigned: return std::make_unique<IntegerFormat>(v, shown);
    case ElementKind::Float: return std::make_unique<FloatingFormat>(v, shown);
    case ElementKind::Object: break;
  }
  return std::make_unique<ObjectFormat>(v);
}

}  // namespace

std::string format_tensor(std::string_view dtype, std::string_view shape, std::string_view data) {
  const TensorValues values = tensor_values(dtype, shape, data);
  if (values.size() == 0) return "[]";
  const bool summarise = values.size() > kThreshold;
  const std::vector<std::size_t> shown = shown_elements(values.shape, summarise);
  const std::unique_ptr<ElementFormat> format = element_format(values, shown);
  return Layout(values.shape, *format, summarise).render();
}

}  // namespace trace_summary
