#include "load/otlp_keys.hpp"

#include <array>
#include <limits>
#include <utility>

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

}  // namespace

Key classify(std::string_view key) {
  static constexpr std::pair<std::string_view, Key> kKeys[] = {
      {"resourcespans", Key::ResourceSpans},
      {"scopespans", Key::ScopeSpans},
      {"instrumentationlibraryspans", Key::ScopeSpans},
      {"spans", Key::Spans},
      {"traceid", Key::TraceId},
      {"spanid", Key::SpanId},
      {"parentspanid", Key::ParentSpanId},
      {"name", Key::Name},
      {"starttimeunixnano", Key::StartTime},
      {"endtimeunixnano", Key::EndTime},
      {"attributes", Key::Attributes},
      {"events", Key::Events},
      {"key", Key::AttrKey},
      {"value", Key::Value},
      {"stringvalue", Key::StringValue},
      {"intvalue", Key::IntValue},
      {"boolvalue", Key::BoolValue},
      {"doublevalue", Key::DoubleValue},
      {"timeunixnano", Key::TimeUnixNano},
  };
  std::array<char, 32> folded{};
  const std::string_view f(folded.data(), fold(key, folded));
  for (const auto& [text, k] : kKeys) {
    if (text == f) return k;
  }
  return Key::Other;
}

std::optional<std::int64_t> parse_decimal(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return std::nullopt;
    v = v * 10 + d;
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

bool is_trace_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (const char c : text) {
    if (hex_digit(c) < 0) return false;
  }
  return true;
}

}  // namespace trace_summary::otlp
