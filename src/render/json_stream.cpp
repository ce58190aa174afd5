#include "render/json_stream.hpp"

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

void JsonStream::indent(std::size_t depth) { out_ << std::string(2 * depth, ' '); }

void JsonStream::next_item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (frames_.empty()) return;
  out_ << (frames_.back().items++ == 0 ? "\n" : ",\n");
  indent(frames_.size());
}

void JsonStream::open(char bracket) {
  next_item();
  out_ << bracket;
  frames_.push_back({bracket == '{' ? '}' : ']'});
}

void JsonStream::close() {
  const Frame frame = frames_.back();
  frames_.pop_back();
  if (frame.items > 0) {
    out_ << '\n';
    indent(frames_.size());
  }
  out_ << frame.close;
  if (frames_.empty()) out_ << '\n';
}

void JsonStream::key(const std::string& name) {
  next_item();
  out_ << OrderedJson(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << ": ";
  after_key_ = true;
}

void JsonStream::value(const OrderedJson& v) {
  next_item();
  out_ << dump_at_depth(v, frames_.size());
}

}  // namespace trace_summary
