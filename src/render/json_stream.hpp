// Writes one JSON document piece by piece, laid out exactly as nlohmann's
// dump(2) lays out the whole document, so a report of any size is written
// without holding it in memory. Strings that are not valid UTF-8 are written
// with U+FFFD in place of the bad bytes.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "io/output.hpp"

namespace trace_summary {

using OrderedJson = nlohmann::ordered_json;

/// Copies the `n` bytes at `from` (N <= n <= 2N) to `to` as its first and
/// last N bytes, which may overlap: fixed-size copies, no call to memcpy.
template <std::size_t N>
void copy_ends(char* to, const char* from, std::size_t n) {
  char head[N], tail[N];
  std::memcpy(head, from, N);
  std::memcpy(tail, from + n - N, N);
  std::memcpy(to, head, N);
  std::memcpy(to + n - N, tail, N);
}

/// Copies `text` (at most 32 bytes) to `to`.
inline void copy_small(char* to, std::string_view text) {
  const std::size_t n = text.size();
  if (n >= 16) {
    copy_ends<16>(to, text.data(), n);
  } else if (n >= 8) {
    copy_ends<8>(to, text.data(), n);
  } else if (n >= 4) {
    copy_ends<4>(to, text.data(), n);
  } else {
    for (std::size_t i = 0; i < n; ++i) to[i] = text[i];
  }
}

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
  void line_break(std::size_t depth, bool comma);
  void write_key(std::string_view name);
  void write_string(std::string_view text);
  // The document's text is gathered in `stage_` and handed to `out_` a
  // block at a time: when the block is full and when the document ends (the
  // outermost value closed), so `out_` never sees half a document unless
  // the block filled, and others may write to `out_` between documents.
  void put(std::string_view text) {
    if (text.size() <= 32 && stage_.size() - staged_ >= 32) {
      copy_small(stage_.data() + staged_, text);
      staged_ += text.size();
    } else {
      put_long(text);
    }
  }
  void put(char c) {
    if (staged_ == stage_.size()) flush_stage();
    stage_[staged_++] = c;
  }
  void put_long(std::string_view text);
  void flush_stage();
  void end_of_value();  // flush_stage() if that value ended the document

  Output& out_;
  std::vector<Frame> frames_;
  bool compact_;
  bool after_key_ = false;
  std::array<char, 16384> stage_;
  std::size_t staged_ = 0;
};

/// `value` as nlohmann's dump(2) writes it at nesting `depth`.
std::string dump_at_depth(const OrderedJson& value, std::size_t depth);

}  // namespace trace_summary
