#include "pycompat/verbose_dump.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "base/errors.hpp"
#include "pycompat/py_number.hpp"

namespace trace_summary {
namespace {

using json = nlohmann::json;

// A parsed value. Scalars keep the text they print as; containers hold the
// indices of their children. Stored flat, so no depth of nesting recurses.
struct Node {
  enum class Kind : std::uint8_t { Scalar, String, Array, Object } kind = Kind::Scalar;
  std::string text;  // printed scalar, or the raw string
  std::vector<std::pair<std::string, std::size_t>> members;  // arrays: empty keys
};

// Python's `int(text)` for a JSON integer literal that did not fit 64 bits.
bool is_integer_literal(const std::string& raw) {
  return raw.find_first_of(".eE") == std::string::npos;
}

class DomBuilder {
 public:
  std::vector<Node> nodes;

  bool null() { return add_scalar("null"); }
  bool boolean(bool v) { return add_scalar(v ? "true" : "false"); }
  bool number_integer(json::number_integer_t v) { return add_scalar(std::to_string(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return add_scalar(std::to_string(v)); }
  bool number_float(json::number_float_t v, const std::string& raw) {
    if (is_integer_literal(raw)) return add_scalar(raw == "-0" ? "0" : raw);
    return add_scalar(py_float_repr(v));
  }
  bool string(std::string& v) { return add({Node::Kind::String, std::move(v), {}}); }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(Node::Kind::Object); }
  bool start_array(std::size_t) { return open(Node::Kind::Array); }
  bool key(std::string& k) {
    key_ = std::move(k);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    error = ex.what();
    return false;
  }
  std::string error;

 private:
  bool add_scalar(std::string text) { return add({Node::Kind::Scalar, std::move(text), {}}); }
  bool add(Node node) {
    const std::size_t index = nodes.size();
    nodes.push_back(std::move(node));
    if (!open_.empty()) nodes[open_.back()].members.emplace_back(std::move(key_), index);
    key_.clear();
    return true;
  }
  bool open(Node::Kind kind) {
    const std::size_t index = nodes.size();
    add({kind, {}, {}});
    open_.push_back(index);
    return true;
  }
  bool close() {
    Node& node = nodes[open_.back()];
    if (node.kind == Node::Kind::Object) sort_members(node);
    open_.pop_back();
    return true;
  }
  // Sorted by key; of repeated keys the last one wins, as in a Python dict.
  static void sort_members(Node& node) {
    auto& m = node.members;
    std::stable_sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::string, std::size_t>> unique;
    for (std::size_t i = 0; i < m.size(); ++i) {
      if (i + 1 < m.size() && m[i + 1].first == m[i].first) continue;
      unique.push_back(std::move(m[i]));
    }
    m = std::move(unique);
  }

  std::vector<std::size_t> open_;
  std::string key_;
};

// Python's json string encoding with ensure_ascii=True.
void write_string(std::string_view s, Output& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\"";
  auto escape_unit = [&](unsigned unit) {
    text += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) text += kHex[(unit >> shift) & 15];
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': text += "\\\""; break;
        case '\\': text += "\\\\"; break;
        case '\n': text += "\\n"; break;
        case '\r': text += "\\r"; break;
        case '\t': text += "\\t"; break;
        case '\b': text += "\\b"; break;
        case '\f': text += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7f) {
            escape_unit(c);
          } else {
            text += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // The parser has checked the UTF-8, so the sequence is complete.
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned cp = c & (len == 4 ? 0x07 : len == 3 ? 0x0F : 0x1F);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      escape_unit(0xD800 + (cp >> 10));
      escape_unit(0xDC00 + (cp & 0x3FF));
    } else {
      escape_unit(cp);
    }
    i += static_cast<std::size_t>(len);
  }
  text += '"';
  out << text;
}

void write_indent(std::size_t level, Output& out) {
  out << '\n';
  out << std::string(2 * level, ' ');
}

// Writes the tree rooted at node 0 without recursion.
void write_tree(const std::vector<Node>& nodes, Output& out) {
  struct Frame {
    std::size_t node;
    std::size_t next;
  };
  std::vector<Frame> stack;
  auto write_value = [&](std::size_t index) {
    const Node& n = nodes[index];
    switch (n.kind) {
      case Node::Kind::Scalar: out << n.text; return;
      case Node::Kind::String: write_string(n.text, out); return;
      case Node::Kind::Array:
      case Node::Kind::Object:
        if (n.members.empty()) {
          out << (n.kind == Node::Kind::Array ? "[]" : "{}");
          return;
        }
        out << (n.kind == Node::Kind::Array ? "[" : "{");
        stack.push_back({index, 0});
    }
  };
  write_value(0);
  while (!stack.empty()) {
    Frame& top = stack.back();
    const Node& n = nodes[top.node];
    if (top.next == n.members.size()) {
      const bool array = n.kind == Node::Kind::Array;
      stack.pop_back();
      write_indent(stack.size(), out);
      out << (array ? "]" : "}");
      continue;
    }
    const auto& [key, child] = n.members[top.next];
    if (top.next++ > 0) out << ',';
    write_indent(stack.size(), out);
    if (n.kind == Node::Kind::Object) {
      write_string(key, out);
      out << ": ";
    }
    write_value(child);
  }
  out << '\n';
}

}  // namespace

void write_python_json_dump(std::string_view json_text, Output& out) {
  DomBuilder builder;
  if (!json::sax_parse(json_text.begin(), json_text.end(), &builder) || builder.nodes.empty()) {
    throw DataError(builder.error.empty() ? "not JSON" : builder.error);
  }
  write_tree(builder.nodes, out);
}

}  // namespace trace_summary
