#include "base/errors.hpp"

namespace trace_summary {

void SkipLog::add(std::string_view kind, std::string place) {
  auto it = kinds_.find(kind);
  if (it == kinds_.end()) it = kinds_.emplace(std::string(kind), Kind{}).first;
  Kind& k = it->second;
  ++k.count;
  ++total_;
  if (k.first_places.size() < kPlacesShown) k.first_places.push_back(std::move(place));
}

std::string SkipLog::summary() const {
  std::string out = "left out " + std::to_string(total_) + " invalid record" + (total_ == 1 ? "" : "s") +
                    " or trace" + (total_ == 1 ? "" : "s") + ":";
  const char* separator = " ";
  for (const auto& [kind, k] : kinds_) {
    out += separator + std::to_string(k.count) + " " + kind + " (";
    for (std::size_t i = 0; i < k.first_places.size(); ++i) out += (i ? ", " : "") + k.first_places[i];
    if (k.count > k.first_places.size()) out += ", ...";
    out += ")";
    separator = "; ";
  }
  return out;
}

namespace {

// Length of the valid UTF-8 sequence starting at `s[i]`, or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  unsigned cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? (c >= 0x20 && c != 0x7F ? 1 : 0) : utf8_length(text, i);
    if (len == 0) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

void reject(SkipLog* skip, std::string_view kind, std::string place, const std::string& message) {
  if (skip == nullptr) throw DataError(message);
  skip->add(kind, std::move(place));
}

}  // namespace trace_summary
