// Streamed requests (decoupled models: one request, many responses): tells
// them from ordinary requests by their stamps and reads their responses.
//   HTTP generate_stream: HTTP_SEND_START/HTTP_SEND_END per chunk, written
//     as 0 (not captured), or more than one pair; INFER_RESPONSE_COMPLETE per
//     response callback, plus one when the last carries only the final flag.
//   GRPC ModelStreamInfer: a GRPC_SEND_START/GRPC_SEND_END pair per response
//     (more than one); INFER_RESPONSE_COMPLETE once, at the first response.
// A GRPC stream of one response has the stamps of an ordinary request and is
// one. A stamp of 0 is never used as a time.
#pragma once

#include <optional>
#include <string>

#include "engine/span_engine.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// What the stamps of one counted trace say about streaming.
struct StreamScan {
  bool streamed = false;
  /// The send stamps were not captured (HTTP): 0, or in OpenTelemetry mode
  /// the request's time offset (one value for all, before HTTP_RECV_START).
  bool sends_not_captured = false;
  std::int64_t uncaptured_send_ns = 0;  ///< their value, when not captured
  std::optional<StreamTimes> times;     ///< when streamed and readable
  std::string problem;                  ///< when streamed but unreadable: why
};

/// Reads `trace` of a `protocol` pass (canonical names only).
StreamScan scan_stream(const TraceSet& set, const CountedTrace& trace, Protocol protocol);

}  // namespace trace_summary
