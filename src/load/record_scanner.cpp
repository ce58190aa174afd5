#include "load/record_scanner.hpp"

#include <cstdint>
#include <cstring>

#include "base/eight_digits.hpp"

namespace trace_summary {
namespace {

using Kind = ScanToken::Kind;
constexpr int kMaxDepth = 64;  // deeper elements are left to nlohmann

bool in(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// The length of the UTF-8 sequence at p (first byte >= 0x80) that nlohmann
// accepts in a string (RFC 3629: no overlong forms, no surrogates, nothing
// past U+10FFFF), or 0.
std::size_t utf8_length(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  const auto left = static_cast<std::size_t>(end - p);
  auto cont = [p](std::size_t k) { return in(p[k], 0x80, 0xBF); };
  if (in(c, 0xC2, 0xDF)) return left >= 2 && cont(1) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return in(p[1], lo, hi) && cont(2) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(p[1], lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

// The closing quote of the string whose opening quote is just before p, or
// nullptr when it holds an escape, a control character or invalid UTF-8, or
// does not end before `end`.
const unsigned char* string_end(const unsigned char* p, const unsigned char* end) {
  while (p < end) {
    const unsigned char c = *p;
    if (c == '"') return p;
    if (c == '\\' || c < 0x20) return nullptr;
    if (c < 0x80) {
      ++p;
      continue;
    }
    const std::size_t n = utf8_length(p, end);
    if (n == 0) return nullptr;
    p += n;
  }
  return nullptr;
}

// Reads the integer at p into `token` (nlohmann: Unsigned when it has no
// sign, Integer when it has one). Returns just past its digits, or nullptr
// when it is not an integer of 64 bits followed by a byte before `end`.
const unsigned char* scan_integer(const unsigned char* p, const unsigned char* end, ScanToken& token) {
  const bool negative = *p == '-';
  if (negative) ++p;
  if (p == end || !in(*p, '0', '9')) return nullptr;
  const unsigned char* digits = p;
  // The value modulo 2^64: exact for every number the check below lets through.
  std::uint64_t value = 0;
  if (*p == '0') {
    ++p;
  } else {
    while (end - p >= 8 && eight_digits(p)) {
      value = value * 100000000 + eight_digits_value(p);
      p += 8;
    }
    for (; p < end && in(*p, '0', '9'); ++p) value = value * 10 + static_cast<unsigned>(*p - '0');
  }
  // Twenty digits may be more than 64 bits hold (nlohmann then reads a float).
  constexpr std::size_t kMaxDigits = 20;
  const auto count = static_cast<std::size_t>(p - digits);
  if (count > kMaxDigits || (count == kMaxDigits && std::memcmp(digits, "18446744073709551615", kMaxDigits) > 0)) {
    return nullptr;
  }
  if (p == end || *p == '.' || *p == 'e' || *p == 'E') return nullptr;
  if (negative) {
    if (value > std::uint64_t{1} << 63) return nullptr;
    token.kind = Kind::Integer;
    token.i = value == std::uint64_t{1} << 63 ? INT64_MIN : -static_cast<std::int64_t>(value);
  } else {
    token.kind = Kind::Unsigned;
    token.u = value;
  }
  return p;
}

// true, false or null at p; nullptr when it is none of them.
const unsigned char* scan_literal(const unsigned char* p, const unsigned char* end, ScanToken& token) {
  struct Literal {
    const char* text;
    std::size_t size;
    Kind kind;
  };
  static constexpr Literal kLiterals[] = {{"true", 4, Kind::True}, {"false", 5, Kind::False}, {"null", 4, Kind::Null}};
  for (const Literal& l : kLiterals) {
    if (static_cast<std::size_t>(end - p) < l.size) continue;
    std::size_t k = 0;
    while (k < l.size && p[k] == static_cast<unsigned char>(l.text[k])) ++k;
    if (k == l.size) {
      token.kind = l.kind;
      return p + l.size;
    }
  }
  return nullptr;
}

// What may come next.
enum class Expect : std::uint8_t { Value, ValueOrClose, Key, KeyOrClose, CommaOrClose };

class Scanner {
 public:
  Scanner(const char* begin, const char* end, std::vector<ScanToken>& tokens)
      : begin_(reinterpret_cast<const unsigned char*>(begin)),
        end_(reinterpret_cast<const unsigned char*>(end)),
        tokens_(tokens) {}

  std::size_t run() {
    tokens_.clear();
    const unsigned char* p = begin_;
    if (p == end_ || *p != '{') return 0;
    Expect expect = Expect::Value;
    while (p < end_) {
      const unsigned char* next = step(p, expect);
      if (next == nullptr) return 0;
      p = next;
      if (depth_ == 0) return static_cast<std::size_t>(p - begin_);
    }
    return 0;
  }

 private:
  // One token at p; returns just past it.
  const unsigned char* step(const unsigned char* p, Expect& expect) {
    switch (expect) {
      case Expect::Value:
      case Expect::ValueOrClose:
        if (*p == ']' && expect == Expect::ValueOrClose) return close(p, false, expect);
        return value(p, expect);
      case Expect::Key:
      case Expect::KeyOrClose:
        if (*p == '}' && expect == Expect::KeyOrClose) return close(p, true, expect);
        return key(p, expect);
      case Expect::CommaOrClose:
        if (*p == ',') {
          expect = top_is_object() ? Expect::Key : Expect::Value;
          return p + 1;
        }
        if (*p == '}' || *p == ']') return close(p, *p == '}', expect);
        return nullptr;
    }
    return nullptr;
  }

  const unsigned char* value(const unsigned char* p, Expect& expect) {
    ScanToken t;
    const unsigned char* after = nullptr;
    if (*p == '{' || *p == '[') {
      if (depth_ == kMaxDepth) return nullptr;
      const bool object = *p == '{';
      objects_ = (objects_ << 1) | (object ? 1 : 0);
      ++depth_;
      expect = object ? Expect::KeyOrClose : Expect::ValueOrClose;
      t.kind = object ? Kind::BeginObject : Kind::BeginArray;
      return emit(t, p + 1);
    }
    if (*p == '"') {
      after = string_end(p + 1, end_);
      if (after == nullptr) return nullptr;
      t.kind = Kind::String;
      set_text(t, p + 1, after);
      ++after;
      expect = Expect::CommaOrClose;
      return emit(t, after);
    }
    if (*p == '-' || in(*p, '0', '9')) {
      after = scan_integer(p, end_, t);
      if (after == nullptr) return nullptr;
      expect = Expect::CommaOrClose;
      emit(t, after + 1);  // nlohmann has read the byte after the number
      return after;
    }
    after = scan_literal(p, end_, t);
    if (after == nullptr) return nullptr;
    expect = Expect::CommaOrClose;
    return emit(t, after);
  }

  const unsigned char* key(const unsigned char* p, Expect& expect) {
    if (*p != '"') return nullptr;
    const unsigned char* close_quote = string_end(p + 1, end_);
    if (close_quote == nullptr || close_quote + 1 == end_ || close_quote[1] != ':') return nullptr;
    ScanToken t;
    t.kind = Kind::Key;
    set_text(t, p + 1, close_quote);
    emit(t, close_quote + 1);
    expect = Expect::Value;
    return close_quote + 2;
  }

  const unsigned char* close(const unsigned char* p, bool object, Expect& expect) {
    if (top_is_object() != object) return nullptr;
    objects_ >>= 1;
    --depth_;
    expect = Expect::CommaOrClose;
    ScanToken t;
    t.kind = object ? Kind::EndObject : Kind::EndArray;
    return emit(t, p + 1);
  }

  bool top_is_object() const { return (objects_ & 1) != 0; }
  void set_text(ScanToken& t, const unsigned char* from, const unsigned char* to) const {
    t.text_begin = static_cast<std::uint32_t>(from - begin_);
    t.text_size = static_cast<std::uint32_t>(to - from);
  }
  const unsigned char* emit(ScanToken& t, const unsigned char* at) {
    t.end = static_cast<std::uint32_t>(at - begin_);
    tokens_.push_back(t);
    return at;
  }

  const unsigned char* begin_;
  const unsigned char* end_;
  std::vector<ScanToken>& tokens_;
  std::uint64_t objects_ = 0;  // one bit per open container, the innermost lowest: 1 for an object
  int depth_ = 0;
};

}  // namespace

std::size_t scan_record(const char* begin, const char* end, std::vector<ScanToken>& tokens) {
  // Offsets are 32-bit: a longer element is left to nlohmann.
  if (end - begin > INT32_MAX) end = begin + INT32_MAX;
  return Scanner(begin, end, tokens).run();
}

namespace {

// Consumes `text` at p, or returns false.
bool literal(const unsigned char*& p, const unsigned char* end, const char* text, std::size_t size) {
  if (static_cast<std::size_t>(end - p) < size || std::memcmp(p, text, size) != 0) return false;
  p += size;
  return true;
}

}  // namespace

std::size_t scan_stamp_record(const char* begin, const char* end, StampRecord& out) {
  const auto* b = reinterpret_cast<const unsigned char*>(begin);
  const auto* e = reinterpret_cast<const unsigned char*>(end);
  if (end - begin > INT32_MAX) e = b + INT32_MAX;
  const unsigned char* p = b;
  ScanToken number;
  if (!literal(p, e, "{\"id\":", 6) || p == e) return 0;
  p = scan_integer(p, e, number);
  if (p == nullptr || number.kind != Kind::Unsigned) return 0;
  out.id = number.u;
  out.id_end = static_cast<std::uint32_t>(p - b);
  if (!literal(p, e, ",\"timestamps\":[{\"name\":\"", 24)) return 0;
  const unsigned char* name = p;
  while (p < e && *p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\') ++p;
  out.name_begin = static_cast<std::uint32_t>(name - b);
  out.name_size = static_cast<std::uint32_t>(p - name);
  if (!literal(p, e, "\",\"ns\":", 7) || p == e) return 0;
  p = scan_integer(p, e, number);
  if (p == nullptr) return 0;
  out.ns_unsigned = number.kind == Kind::Unsigned;
  out.ns_u = number.u;
  out.ns_i = number.i;
  out.ns_end = static_cast<std::uint32_t>(p - b);
  if (!literal(p, e, "}]}", 3)) return 0;
  return static_cast<std::size_t>(p - b);
}

}  // namespace trace_summary
