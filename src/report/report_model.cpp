#include "report/report_model.hpp"

namespace trace_summary {

std::optional<wide_int> row_value_ns(const SpanDef& row, const SpanTimes& spans) {
  if (is_stream_row(row)) return std::nullopt;
  const auto& total = spans[static_cast<std::size_t>(row.span)];
  if (!total) return std::nullopt;
  wide_int value = total->duration_ns();
  for (std::uint8_t i = 0; i < row.minus_count; ++i) {
    const auto& part = spans[static_cast<std::size_t>(row.minus[i])];
    if (!part) return std::nullopt;
    value -= part->duration_ns();
  }
  return value;
}

std::optional<wide_int> stream_value(const SpanDef& row, const StreamTimes& stream) {
  switch (row.stream) {
    case StreamStat::Responses:
      return static_cast<wide_int>(stream.responses_ns.size());
    case StreamStat::FirstResponse:
      return wide_int{stream.first_ns} - stream.arrival_ns;
    case StreamStat::LastResponse:
      return wide_int{stream.responses_ns.back()} - stream.arrival_ns;
    case StreamStat::ResponseGap:
    case StreamStat::None:
      break;
  }
  return std::nullopt;
}

std::vector<wide_int> response_gaps_ns(const StreamTimes& stream) {
  std::vector<wide_int> gaps;
  for (std::size_t i = 1; i < stream.responses_ns.size(); ++i) {
    gaps.push_back(wide_int{stream.responses_ns[i]} - stream.responses_ns[i - 1]);
  }
  return gaps;
}

std::optional<wide_int> trace_row_value(const SpanDef& row, const TraceView& trace) {
  if (!is_stream_row(row)) return row_value_ns(row, trace.spans);
  return trace.stream ? stream_value(row, *trace.stream) : std::nullopt;
}

std::vector<wide_int> stream_values(const SpanDef& row, const StreamTimes& stream) {
  if (row.stream == StreamStat::ResponseGap) return response_gaps_ns(stream);
  if (auto v = stream_value(row, stream)) return {*v};
  return {};
}

std::vector<wide_int> trace_row_values(const SpanDef& row, const TraceView& trace) {
  if (is_stream_row(row)) return trace.stream ? stream_values(row, *trace.stream) : std::vector<wide_int>{};
  if (auto v = row_value_ns(row, trace.spans)) return {*v};
  return {};
}

const char* protocol_name(Protocol protocol) { return protocol == Protocol::Http ? "HTTP" : "GRPC"; }

}  // namespace trace_summary
