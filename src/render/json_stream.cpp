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

// A line break, then the indentation of `depth` levels; after a comma if
// `comma`.
void JsonStream::line_break(std::size_t depth, bool comma) {
  static const std::string kBreak = ",\n" + std::string(254, ' ');
  const std::size_t width = 2 * depth;
  std::string_view text(kBreak);
  text.remove_prefix(comma ? 0 : 1);
  if (width <= 254) {
    put(text.substr(0, text.size() - 254 + width));
    return;
  }
  put(text.substr(0, text.size() - 254));
  for (std::size_t n = width; n > 0;) {
    const std::size_t part = std::min<std::size_t>(n, 254);
    put(std::string_view(kBreak).substr(2, part));
    n -= part;
  }
}

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// Whether one of the 8 bytes of `word` equals `byte`.
constexpr bool has_byte(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return ((x - kOnes) & ~x & kHighs) != 0;
}

// Whether each of the 8 bytes of `word` is printable ASCII (0x20 to 0x7e)
// other than '"' and '\\': what dump() writes as it is.
constexpr bool plain_word(std::uint64_t word) {
  const bool below_space = ((word - kOnes * 0x20) & ~word & kHighs) != 0;
  const bool high = (word & kHighs) != 0;
  return !below_space && !high && !has_byte(word, 0x7f) && !has_byte(word, '"') && !has_byte(word, '\\');
}

// The bytes of `text` (at most 8) as a word, padded with plain bytes.
std::uint64_t padded_word(std::string_view text) {
  std::uint64_t word = kOnes * 'a';
  if (text.size() >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, text.data(), 4);
    std::memcpy(&tail, text.data() + text.size() - 4, 4);
    return head | (std::uint64_t{tail} << 32);
  }
  std::memcpy(&word, text.data(), text.size());  // 0 to 3 bytes
  return word;
}

bool plain_text(std::string_view text) {
  if (text.size() < 8) return plain_word(padded_word(text));
  std::uint64_t word;
  std::size_t n = 0;
  for (; n + 8 <= text.size(); n += 8) {
    std::memcpy(&word, text.data() + n, 8);
    if (!plain_word(word)) return false;
  }
  if (n == text.size()) return true;
  std::memcpy(&word, text.data() + text.size() - 8, 8);  // the last 8, again in part
  return plain_word(word);
}

}  // namespace

// Printable ASCII without quotes or backslashes is written as it is; anything
// else as dump() escapes it (bytes that are not UTF-8 become U+FFFD).
void JsonStream::write_string(std::string_view text) {
  if (plain_text(text)) {
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
}

void JsonStream::member_uint(std::string_view name, std::uint64_t number) {
  write_key(name);
  std::array<char, 24> buffer;
  put(decimal(buffer, number));
}

void JsonStream::member_null(std::string_view name) {
  write_key(name);
  put("null");
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
  line_break(frames_.size(), !first);
}

void JsonStream::open(char bracket) {
  next_item();
  put(bracket);
  frames_.push_back({bracket == '{' ? '}' : ']'});
}

void JsonStream::close() {
  const Frame frame = frames_.back();
  frames_.pop_back();
  if (frame.items > 0 && !compact_) {
    line_break(frames_.size(), false);
  }
  put(frame.close);
  if (frames_.empty()) put('\n');
  end_of_value();
}

void JsonStream::key(const std::string& name) {
  write_key(name);
  after_key_ = true;
}

void JsonStream::value(const OrderedJson& v) {
  next_item();
  if (v.is_primitive() || compact_) {
    put(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    put(dump_at_depth(v, frames_.size()));
  }
  end_of_value();
}

void JsonStream::put_long(std::string_view text) {
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

void JsonStream::end_of_value() {
  if (frames_.empty()) flush_stage();
}

void JsonStream::flush_stage() {
  if (staged_ == 0) return;
  out_ << std::string_view(stage_.data(), staged_);
  staged_ = 0;
}

}  // namespace trace_summary
