#include "listen/body_handler.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "base/errors.hpp"

namespace trace_summary {
namespace {

// The media type of a Content-Type value, lowercased, without parameters.
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  std::size_t start = type.find_first_not_of(" \t");
  type = start == std::string::npos ? "" : type.substr(start);
  for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return type;
}

}  // namespace

Answer error_answer(int status, const std::string& message) {
  nlohmann::json body = {{"code", status == 413 ? 8 : 3}, {"message", message}};
  return {status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

std::optional<Answer> check_headers(const std::string& content_type, std::optional<std::uint64_t> content_length,
                                    const BodyLimits& limits) {
  const std::string type = media_type(content_type);
  if (type == "application/x-protobuf" || type == "application/protobuf") {
    return error_answer(415, "trace_summary listen reads OTLP/HTTP JSON, not protobuf: set `encoding: json` in the "
                             "OpenTelemetry Collector's otlphttp exporter (or OTEL_EXPORTER_OTLP_TRACES_PROTOCOL="
                             "http/json); tritonserver sends JSON already");
  }
  if (type != "application/json") {
    return error_answer(415, "Content-Type must be application/json (OTLP/HTTP JSON), not '" + printable(type) + "'");
  }
  if (content_length && *content_length > limits.max_bytes) {
    return error_answer(413, "the body is " + std::to_string(*content_length) + " bytes, more than the limit of " +
                                 std::to_string(limits.max_bytes) + " (--max-body)");
  }
  return std::nullopt;
}

std::size_t nesting_depth(const std::string& json, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Answer handle_body(std::string json, const BodyLimits& limits, LiveCollector& collector, SaveFile* save) {
  if (json.size() > limits.max_bytes) {
    return error_answer(413, "the body is more than the limit of " + std::to_string(limits.max_bytes) +
                                 " bytes (--max-body)");
  }
  if (nesting_depth(json, limits.max_depth) > limits.max_depth) {
    return error_answer(400, "the body nests arrays and objects more than " + std::to_string(limits.max_depth) +
                                 " deep; OTLP JSON needs fewer than 10");
  }
  ParsedBody body;
  try {
    body = parse_body(json);
  } catch (const DataError& e) {
    return error_answer(400, std::string("not OTLP JSON: ") + e.what());
  }
  if (body.spans.empty() && body.rejected > 0) {
    return error_answer(400, "not OTLP JSON: " + body.rejected_why);
  }
  const std::size_t rejected = body.rejected;
  const std::string why = body.rejected_why;
  try {
    collector.accept(std::move(body), [&] {
      if (save != nullptr) save->append(std::move(json));
    });
  } catch (const std::runtime_error& e) {
    return error_answer(503, std::string("cannot save the body: ") + e.what());
  }
  if (rejected == 0) return {200, "{}\n"};
  nlohmann::json partial = {{"partialSuccess", {{"rejectedSpans", std::to_string(rejected)}, {"errorMessage", why}}}};
  return {200, partial.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"};
}

}  // namespace trace_summary
