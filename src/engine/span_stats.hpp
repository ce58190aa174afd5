// Statistics of each classic span per model: count, the classic average,
// min, max and percentiles of the per-trace durations, and the share of the
// request time. One model for the table, JSON and CSV formats.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/span_engine.hpp"

namespace trace_summary {

/// One row: a span of the classic summary, in its order and hierarchy.
struct SpanRow {
  std::string key;    ///< stable identifier: http_infer, http_receive, ..., compute_output
  std::string label;  ///< the classic summary's words: "HTTP infer request", "Receive", ...
  int depth = 0;      ///< nesting in the classic summary (tabs)
  std::uint64_t traces = 0;  ///< traces that had the span (all its timestamps)
  /// The classic average: the sum over the traces that had it divided by the
  /// model's trace count (as trace_summary.py divides), in microseconds.
  double avg_us = 0;
  std::optional<double> min_us, max_us;  ///< over the traces that had it
  std::vector<double> percentiles_us;    ///< one per requested percentile, same traces
  double share_percent = 0;  ///< this span's total over the request's (the first row's) total
};

/// The rows of one model (name and version) in one protocol pass.
struct ModelRows {
  std::uint32_t model_name = kNone, model_version = kNone;  ///< value indices, first-seen spelling
  std::uint64_t count = 0;                                  ///< traces counted, as in the classic summary
  std::vector<SpanRow> rows;
};

struct PassRows {
  Protocol protocol = Protocol::Http;
  std::vector<ModelRows> models;
};

/// Computes the rows of each model of `pass` from the per-trace durations,
/// for the `percentiles` asked (each in [0, 100]).
PassRows span_rows(const TraceSet& set, const FileSummary& summary, const PassSummary& pass,
                   const std::vector<double>& percentiles);

/// "HTTP" or "GRPC".
const char* protocol_name(Protocol protocol);

}  // namespace trace_summary
