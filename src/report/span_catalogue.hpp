// The span catalogue: every span the report knows, in the classic summary's
// order and hierarchy, with its key, label, stamps, the span whose stamps
// gate it, and when a model shows it. The engine pairs stamps by it; every
// renderer and the timeline print from it. Nothing else spells a span.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/stamp_names.hpp"

namespace trace_summary {

/// Which version of the reference script's rules to follow.
enum class Compat : std::uint8_t {
  Classic,  ///< July 2023 (lowercase files: March 2020)
  Current,  ///< January 2024: GRPC infer runs from GRPC_WAITREAD_END
};

/// The spans measured from a pair of stamps (the rows that are not a formula).
enum class Span : std::uint8_t {
  HttpInfer,
  HttpRecv,
  HttpSend,
  GrpcInfer,
  GrpcWaitread,
  GrpcSend,
  Request,
  Queue,
  Compute,
  ComputeInput,
  ComputeInfer,
  ComputeOutput,
};
inline constexpr std::size_t kSpanCount = 12;

/// The statistics of streamed requests (decoupled models: one request, many
/// responses). Their rows are not spans of stamp pairs: the engine reads them
/// from a request's responses (see StreamTimes in report_model.hpp).
enum class StreamStat : std::uint8_t {
  None,           ///< an ordinary row
  Responses,      ///< responses per streamed request (a count, not a time)
  FirstResponse,  ///< the request's arrival to its first response
  ResponseGap,    ///< one response to the next (a value per gap, not per request)
  LastResponse,   ///< the request's arrival to its last response
};

/// One row of the catalogue: a measured span, a total minus its parts, or a
/// statistic of streamed requests.
struct SpanDef {
  enum class Scope : std::uint8_t { Any, Http, Grpc };
  enum class Rules : std::uint8_t { Both, ClassicOnly, CurrentOnly };

  std::string_view key;    ///< stable identifier: http_infer, handler, compute_output, ...
  std::string_view label;  ///< the classic summary's words: "HTTP infer request", "Queue", ...
  int depth;               ///< nesting in the classic summary (tabs)
  Scope scope;             ///< the protocol pass it belongs to
  Rules rules;             ///< the compat it exists in
  Span span;               ///< the span it measures, or a formula's total
  bool measured;           ///< from `start` to `end`; else `span` minus `minus`
  Stamp start, end;        ///< a measured span's stamps
  Span gate;               ///< paired only when both stamps of this span are present
  std::array<Span, 3> minus;
  std::uint8_t minus_count;
  std::array<Span, 2> shown_if;  ///< a model shows the row when it had all of these
  std::uint8_t shown_if_count;
  StreamStat stream = StreamStat::None;  ///< a streamed requests' row (then none of the above applies)
};

/// Whether `row` is a statistic of streamed requests.
inline bool is_stream_row(const SpanDef& row) { return row.stream != StreamStat::None; }
/// Whether `row` counts (responses) instead of timing: its `_us` values are counts.
inline bool is_count_row(const SpanDef& row) { return row.stream == StreamStat::Responses; }

/// The rows of one protocol pass under `compat`, in the summary's order.
std::vector<const SpanDef*> catalogue_rows(Protocol protocol, Compat compat);

/// Every row key, once, in the catalogue's order.
std::vector<std::string_view> catalogue_keys();

/// The row with `key` in the pass (nullptr when the pass has none).
const SpanDef* row_by_key(std::string_view key, Protocol protocol, Compat compat);

/// The measured row of `span` in the pass (nullptr when the pass has none).
const SpanDef* measured_row(Span span, Protocol protocol, Compat compat);

/// Whether `row` closes the protocol's block of the classic summary (a
/// blank line follows it): the last row of the pass's own spans.
bool closes_protocol_block(const std::vector<const SpanDef*>& shown, std::size_t index);

}  // namespace trace_summary
