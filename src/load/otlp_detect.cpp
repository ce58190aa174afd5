#include "load/otlp_detect.hpp"

#include <cstdio>
#include <memory>
#include <string>

namespace trace_summary {
namespace {

constexpr std::size_t kHeadBytes = 4096;

std::uint8_t byte_at(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

// A protobuf varint at `at`; moves `at` past it. False when it runs off `s`.
bool read_varint(std::string_view s, std::size_t& at, std::uint64_t& value) {
  value = 0;
  for (int shift = 0; at < s.size() && shift < 64; shift += 7) {
    const std::uint8_t b = byte_at(s, at++);
    value |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (b < 0x80) return true;
  }
  return false;
}

// ExportTraceServiceRequest field 1 (resource_spans, length-delimited):
// tag 0x0A, a length, then a ResourceSpans whose first field is 1 or 2
// (resource, scope_spans), also length-delimited.
bool is_protobuf_request(std::string_view s) {
  std::size_t at = 1;
  std::uint64_t length = 0;
  if (s.size() < 3 || byte_at(s, 0) != 0x0A || !read_varint(s, at, length) || length == 0) return false;
  return at < s.size() && (byte_at(s, at) == 0x0A || byte_at(s, at) == 0x12);
}

// The collector's `format: proto` file: each message is preceded by its
// length as 4 big-endian bytes.
bool is_collector_protobuf(std::string_view s) {
  if (s.size() < 7) return false;
  const std::uint32_t length = (std::uint32_t{byte_at(s, 0)} << 24) | (std::uint32_t{byte_at(s, 1)} << 16) |
                               (std::uint32_t{byte_at(s, 2)} << 8) | byte_at(s, 3);
  return length > 0 && is_protobuf_request(s.substr(4));
}

std::string read_file_head(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  std::string head(kHeadBytes, '\0');
  head.resize(file ? std::fread(head.data(), 1, head.size(), file.get()) : 0);
  return head;
}

}  // namespace

InputFormat classify_head(std::string_view head) {
  std::string_view rest = head;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
  while (!rest.empty() && is_json_space(rest.front())) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == '{') return InputFormat::OtlpJson;
  if (!rest.empty() && rest.front() == '[') return InputFormat::TraceFile;
  if (is_collector_protobuf(head) || is_protobuf_request(head)) return InputFormat::OtlpProtobuf;
  return InputFormat::TraceFile;
}

InputFormat sniff_input_format(InputSource& input) {
  if (input.rereadable() && input.untouched()) {
    const std::string head = read_file_head(input.path());
    if (!InputSource::is_gzip(head.data(), head.size())) return classify_head(head);
  }
  const std::string_view buffered = input.buffered();
  return classify_head(buffered.substr(0, kHeadBytes));
}

}  // namespace trace_summary
