#include "render/json_stream.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace trace_summary {

std::string dump_at_depth(const OrderedJson& value, std::size_t depth) {
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  if (depth == 0) return text;
  const std::string pad(2 * depth, ' ');
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

void JsonStream::indent(std::size_t depth) {
  static const std::string kSpaces(256, ' ');
  for (std::size_t n = 2 * depth; n > 0;) {
    const std::size_t part = std::min(n, kSpaces.size());
    put(std::string_view(kSpaces).substr(0, part));
    n -= part;
  }
}

// Printable ASCII without quotes or backslashes is written as it is; anything
// else as dump() escapes it (bytes that are not UTF-8 become U+FFFD).
void JsonStream::write_string(std::string_view text) {
  const auto plain = [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; };
  if (text.size() + 2 > stage_.size() - staged_) flush_stage();
  if (text.size() + 2 <= stage_.size()) {  // checked and staged in one pass
    char* to = stage_.data() + staged_;
    *to++ = '"';
    std::size_t n = 0;
    while (n < text.size() && plain(text[n])) *to++ = text[n++];
    if (n == text.size()) {
      *to++ = '"';
      staged_ = static_cast<std::size_t>(to - stage_.data());
      return;
    }
  } else if (std::all_of(text.begin(), text.end(), plain)) {
    put('"');
    put(text);
    put('"');
    return;
  }
  put(OrderedJson(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void JsonStream::write_key(std::string_view name) {
  next_item();
  write_string(name);
  put(compact_ ? ":" : ": ");
}

void JsonStream::member_text(std::string_view name, std::string_view text) {
  write_key(name);
  write_string(text);
  flush_stage();
}

namespace {

// The decimal digits of `number` (a 64-bit integer) in `buffer`.
template <typename Integer>
std::string_view decimal(std::array<char, 24>& buffer, Integer number) {
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  return {buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data())};
}

}  // namespace

void JsonStream::member_int(std::string_view name, std::int64_t number) {
  write_key(name);
  std::array<char, 24> buffer;
  put(decimal(buffer, number));
  flush_stage();
}

void JsonStream::member_uint(std::string_view name, std::uint64_t number) {
  write_key(name);
  std::array<char, 24> buffer;
  put(decimal(buffer, number));
  flush_stage();
}

void JsonStream::member_null(std::string_view name) {
  write_key(name);
  put("null");
  flush_stage();
}

void JsonStream::member_double(std::string_view name, double number) {
  write_key(name);
  if (std::isfinite(number)) {
    // nlohmann's own shortest round-trip formatting, which dump() uses.
    std::array<char, 64> buffer{};
    char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
    put(std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data())));
  } else {
    put("null");  // as dump() writes NaN and infinities
  }
  flush_stage();
}

void JsonStream::next_item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (frames_.empty()) return;
  const bool first = frames_.back().items++ == 0;
  if (compact_) {
    if (!first) put(',');
    return;
  }
  put(first ? "\n" : ",\n");
  indent(frames_.size());
}

void JsonStream::open(char bracket) {
  next_item();
  put(bracket);
  flush_stage();
  frames_.push_back({bracket == '{' ? '}' : ']'});
}

void JsonStream::close() {
  const Frame frame = frames_.back();
  frames_.pop_back();
  if (frame.items > 0 && !compact_) {
    put('\n');
    indent(frames_.size());
  }
  put(frame.close);
  if (frames_.empty()) put('\n');
  flush_stage();
}

void JsonStream::key(const std::string& name) {
  write_key(name);
  flush_stage();
  after_key_ = true;
}

void JsonStream::value(const OrderedJson& v) {
  next_item();
  if (v.is_primitive() || compact_) {
    put(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    put(dump_at_depth(v, frames_.size()));
  }
  flush_stage();
}

void JsonStream::put(std::string_view text) {
  if (text.size() > stage_.size() - staged_) {
    flush_stage();
    if (text.size() > stage_.size()) {
      out_ << text;
      return;
    }
  }
  std::memcpy(stage_.data() + staged_, text.data(), text.size());
  staged_ += text.size();
}

void JsonStream::put(char c) {
  if (staged_ == stage_.size()) flush_stage();
  stage_[staged_++] = c;
}

void JsonStream::flush_stage() {
  if (staged_ == 0) return;
  out_ << std::string_view(stage_.data(), staged_);
  staged_ = 0;
}

}  // namespace trace_summary
