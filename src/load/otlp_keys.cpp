#include "load/otlp_keys.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "base/eight_digits.hpp"

namespace trace_summary::otlp {
namespace {

// `key` lowercased without underscores, into `out`; its length, or 0 when
// it is too long to be a key of interest.
std::size_t fold(std::string_view key, std::array<char, 32>& out) {
  std::size_t n = 0;
  for (const char c : key) {
    if (c == '_') continue;
    if (n == out.size()) return 0;
    out[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return n;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `key` in the lowerCamelCase spelling exporters write (as the folded
// spelling would classify it), or Other for any other text.
Key camel_case(std::string_view key) {
  const auto is = [&](std::string_view text, Key k) { return key == text ? k : Key::Other; };
  switch (key.size()) {
    case 3: return is("key", Key::AttrKey);
    case 4: return is("name", Key::Name);
    case 5: return key == "value" ? Key::Value : is("spans", Key::Spans);
    case 6: return key == "spanId" ? Key::SpanId : is("events", Key::Events);
    case 7: return is("traceId", Key::TraceId);
    case 8: return is("intValue", Key::IntValue);
    case 10: return key == "attributes" ? Key::Attributes : is("scopeSpans", Key::ScopeSpans);
    case 11: return is("stringValue", Key::StringValue);
    case 12: return key == "timeUnixNano" ? Key::TimeUnixNano : is("parentSpanId", Key::ParentSpanId);
    case 15: return is("endTimeUnixNano", Key::EndTime);
    case 17: return is("startTimeUnixNano", Key::StartTime);
    default: return Key::Other;
  }
}

}  // namespace

Key classify(std::string_view key) {
  // Every key of every span passes here: the spelling nearly every file
  // uses is tried as it is, then the candidates are picked by the folded
  // length before any text is compared.
  if (const Key k = camel_case(key); k != Key::Other) return k;
  std::array<char, 32> folded;
  const std::string_view f(folded.data(), fold(key, folded));
  const auto is = [&](std::string_view text, Key k) { return f == text ? k : Key::Other; };
  switch (f.size()) {
    case 3: return is("key", Key::AttrKey);
    case 4: return is("name", Key::Name);
    case 5: return f == "spans" ? Key::Spans : is("value", Key::Value);
    case 6: return f == "spanid" ? Key::SpanId : is("events", Key::Events);
    case 7: return is("traceid", Key::TraceId);
    case 8: return is("intvalue", Key::IntValue);
    case 9: return is("boolvalue", Key::BoolValue);
    case 10: return f == "attributes" ? Key::Attributes : is("scopespans", Key::ScopeSpans);
    case 11: return f == "stringvalue" ? Key::StringValue : is("doublevalue", Key::DoubleValue);
    case 12: return f == "parentspanid" ? Key::ParentSpanId : is("timeunixnano", Key::TimeUnixNano);
    case 13: return is("resourcespans", Key::ResourceSpans);
    case 15: return is("endtimeunixnano", Key::EndTime);
    case 17: return is("starttimeunixnano", Key::StartTime);
    case 27: return is("instrumentationlibraryspans", Key::ScopeSpans);
    default: return Key::Other;
  }
}

std::optional<std::int64_t> parse_decimal(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 20) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  // Beyond its leading zeros, a number in range has at most 19 digits, and
  // 19 digits cannot overflow 64 bits.
  while (p != end && *p == '0') ++p;
  if (end - p > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (; end - p >= 8 && eight_digits(p); p += 8) v = v * 100000000 + eight_digits_value(p);
  for (; p != end; ++p) {
    if (*p < '0' || *p > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (v > limit) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
}

std::optional<std::uint64_t> parse_span_id(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : text) {
    const int d = hex_digit(c);
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  return v;
}

std::string span_id_text(std::uint64_t id) {
  std::string text(16, '0');
  for (std::size_t i = 16; i-- > 0; id >>= 4) text[i] = "0123456789abcdef"[id & 15];
  return text;
}

bool is_trace_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (const char c : text) {
    if (hex_digit(c) < 0) return false;
  }
  return true;
}

}  // namespace trace_summary::otlp
