// Writes one JSON document piece by piece, laid out exactly as nlohmann's
// dump(2) lays out the whole document, so a report of any size is written
// without holding it in memory. Strings that are not valid UTF-8 are written
// with U+FFFD in place of the bad bytes.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/output.hpp"

namespace trace_summary {

using OrderedJson = nlohmann::ordered_json;

class JsonStream {
 public:
  /// `compact`: the document on one line, as dump() without indentation
  /// writes it (JSON Lines); else laid out as dump(2).
  explicit JsonStream(Output& out, bool compact = false) : out_(out), compact_(compact) {}

  /// Opens an object or array ('{' or '['): the document, an array element,
  /// or the value of the key just written.
  void open(char bracket);
  /// Closes the innermost object or array.
  void close();
  /// Writes a key of the innermost object; its value follows.
  void key(const std::string& name);
  /// Writes a whole value: the value of the key just written, or an element.
  void value(const OrderedJson& value);
  /// key() then value().
  void member(const std::string& name, const OrderedJson& v) {
    key(name);
    value(v);
  }
  /// Scalars written without building a JSON value, exactly as dump() writes
  /// them (the per-trace output is made of these).
  void member_text(std::string_view name, std::string_view text);
  void member_int(std::string_view name, std::int64_t number);
  void member_uint(std::string_view name, std::uint64_t number);
  void member_null(std::string_view name);
  void member_double(std::string_view name, double number);

 private:
  struct Frame {
    char close;
    std::size_t items = 0;
  };
  void next_item();  // the separator and indentation of a new member or element
  void indent(std::size_t depth);
  void write_key(std::string_view name);
  void write_string(std::string_view text);
  // The pieces of one call are gathered in `stage_` and written to `out_`
  // at once at its end (flush_stage), sparing a write per piece.
  void put(std::string_view text);
  void put(char c);
  void flush_stage();

  Output& out_;
  std::vector<Frame> frames_;
  bool compact_;
  bool after_key_ = false;
  std::array<char, 256> stage_;
  std::size_t staged_ = 0;
};

/// `value` as nlohmann's dump(2) writes it at nesting `depth`.
std::string dump_at_depth(const OrderedJson& value, std::size_t depth);

}  // namespace trace_summary
