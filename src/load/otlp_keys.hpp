// The OTLP/JSON keys the reader looks at, and the values it parses out of
// strings: 64-bit integers written as decimal strings and hex span ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trace_summary::otlp {

/// A key of an OTLP/JSON object, whatever its spelling.
enum class Key : std::uint8_t {
  Other,
  ResourceSpans,
  ScopeSpans,  ///< also the pre-1.0 `instrumentationLibrarySpans`
  Spans,
  TraceId,
  SpanId,
  ParentSpanId,
  Name,
  StartTime,
  EndTime,
  Attributes,
  Events,
  AttrKey,
  Value,
  StringValue,
  IntValue,
  BoolValue,
  DoubleValue,
  TimeUnixNano,
};

/// Classifies `key`: lowerCamelCase (`scopeSpans`) and snake_case
/// (`scope_spans`) spellings are the same key.
Key classify(std::string_view key);

/// A decimal integer as OTLP/JSON writes 64-bit values (`"-12"`), or nullopt.
std::optional<std::int64_t> parse_decimal(std::string_view text);

/// A span id: 16 hex digits, either case. nullopt otherwise.
std::optional<std::uint64_t> parse_span_id(std::string_view text);

/// A span id as OTLP/JSON writes it: 16 lowercase hex digits.
std::string span_id_text(std::uint64_t id);

/// A trace id is 32 hex digits, either case.
bool is_trace_id(std::string_view text);

}  // namespace trace_summary::otlp
