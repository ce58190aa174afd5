#include "report/report_model.hpp"

namespace trace_summary {

std::optional<wide_int> row_value_ns(const SpanDef& row, const SpanTimes& spans) {
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

const char* protocol_name(Protocol protocol) { return protocol == Protocol::Http ? "HTTP" : "GRPC"; }

}  // namespace trace_summary
