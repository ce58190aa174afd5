// What the receiver answers to one POST /v1/traces, as OTLP/HTTP says:
// 200 with an ExportTraceServiceResponse (`{}`, or `partialSuccess` when
// parts were left out), 400 for a body that is not OTLP JSON, 413 beyond the
// body limit, 415 for protobuf or another media type. Runs on the
// connection's thread; the only shared state it touches is the
// LiveCollector (and the SaveFile, under the collector's lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "listen/live_collector.hpp"
#include "listen/save_file.hpp"

namespace trace_summary {

/// Limits on one body.
struct BodyLimits {
  std::uint64_t max_bytes = std::uint64_t{20} << 20;  ///< after decompression (the collector's default)
  std::size_t max_depth = 64;                         ///< JSON nesting
};

/// A status and its body.
struct Answer {
  int status = 200;
  std::string body;  ///< JSON
  std::string content_type = "application/json";
};

/// An OTLP/HTTP error answer (a google.rpc.Status JSON with `message`).
Answer error_answer(int status, const std::string& message);

/// The answer for a request whose headers say it cannot be taken (wrong
/// media type, too long), before any of its body is read; nullopt to read it.
std::optional<Answer> check_headers(const std::string& content_type, std::optional<std::uint64_t> content_length,
                                    const BodyLimits& limits);

/// The answer to the whole body `json` (decompressed); accepts its spans
/// into `collector` and, when given, appends it to `save`.
Answer handle_body(std::string json, const BodyLimits& limits, LiveCollector& collector, SaveFile* save);

/// How deep `json` nests arrays and objects (strings skipped), up to
/// `limit` + 1.
std::size_t nesting_depth(const std::string& json, std::size_t limit);

}  // namespace trace_summary
