// The fast path's lexer: one element of a trace file's top-level array, when
// its bytes keep to the plain subset of JSON tritonserver writes (no white
// space, no escapes, no fractions or exponents, valid UTF-8, integers that
// fit in 64 bits). It yields exactly the events nlohmann's SAX parser would,
// each with the input offset nlohmann's lexer would stand at when it fires,
// or says "not mine" and leaves the element to nlohmann.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace trace_summary {

/// One SAX event of an element, as nlohmann would call it.
struct ScanToken {
  enum class Kind : std::uint8_t {
    BeginObject,
    EndObject,
    BeginArray,
    EndArray,
    Key,
    String,
    Unsigned,
    Integer,
    True,
    False,
    Null
  };
  Kind kind = Kind::Null;
  /// Offset from the element's first byte just past what nlohmann's lexer
  /// has read when it fires the event (a number: the byte after it too).
  std::uint32_t end = 0;
  /// Key, String: the bytes between the quotes.
  std::uint32_t text_begin = 0, text_size = 0;
  std::uint64_t u = 0;  ///< Unsigned
  std::int64_t i = 0;   ///< Integer
};

/// Scans the element that starts at `begin` (a '{') and lies wholly in
/// [begin, end), with the byte after each number present. Fills `tokens`
/// and returns the element's size in bytes; returns 0, whatever `tokens`
/// then holds, when any byte of it is outside the subset or the element is
/// not complete in the range.
std::size_t scan_record(const char* begin, const char* end, std::vector<ScanToken>& tokens);

/// The record tritonserver writes for each timestamp, matched byte for byte:
/// {"id":N,"timestamps":[{"name":"NAME","ns":N}]}, NAME in printable ASCII
/// without quotes or backslashes. Its 13 events, and their offsets, follow
/// from these (what scan_record() would yield for the same bytes).
struct StampRecord {
  std::uint64_t id = 0;
  std::uint32_t id_end = 0;  ///< offset just past the id's digits
  std::uint32_t name_begin = 0, name_size = 0;
  bool ns_unsigned = true;  ///< nlohmann: number_unsigned (no sign) or number_integer
  std::uint64_t ns_u = 0;
  std::int64_t ns_i = 0;
  std::uint32_t ns_end = 0;  ///< offset just past the ns's digits
};

/// Matches the timestamp record at `begin` within [begin, end); returns its
/// size, or 0 when it is not exactly that record.
std::size_t scan_stamp_record(const char* begin, const char* end, StampRecord& out);

}  // namespace trace_summary
