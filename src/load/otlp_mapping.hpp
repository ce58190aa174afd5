// Maps the spans of Triton's OpenTelemetry trace mode onto the records a
// trace file holds, as tritonserver's OpenTelemetry tracer lays them out: a request is an
// `InferRequest` root span; each model span under it becomes the records
// tritonserver's trace mode writes for a model: a model record (`id` =
// triton.trace_id, `parent_id` = triton.trace_parent_id unless 0, model name
// and version), then its timestamps: the span's events, those of the spans
// under it that are not model spans (`compute`, custom activities) and, for
// the model span directly under the root, the root's events.
//
// Spans are exported as they end, so a request's spans come before its root.
// Spans are held until their root comes, then written and forgotten: memory
// follows the requests in flight, not the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "load/otlp_reader.hpp"
#include "load/trace_set_writer.hpp"

namespace trace_summary {

/// What could not be mapped once every span was read.
struct UnmappedSpans {
  std::size_t spans = 0;        ///< held spans whose root never came
  std::size_t model_spans = 0;  ///< of those, model spans
  std::size_t empty_requests = 0;  ///< roots with no model span under them
};

class RequestAssembler : public SpanSink {
 public:
  /// With `hold_every_root`, every request is written by finish(), once all
  /// its spans are in, whatever order they came in (the live receiver, which
  /// keeps every span anyway); else as soon as its root comes.
  explicit RequestAssembler(TraceSet& set, bool hold_every_root = false)
      : writer_(set), hold_every_root_(hold_every_root) {}

  std::optional<SpanProblem> take(OtlpSpan&& span) override;
  /// Writes the requests whose root came before any span under it (exports
  /// that overtook each other); call after the last span.
  void finish();
  /// What is still held (call after finish()).
  UnmappedSpans unmapped() const;
  std::size_t requests() const { return requests_; }
  std::size_t records() const { return writer_.records(); }

 private:
  void complete(const OtlpSpan& root);
  std::vector<std::uint64_t> write_model(OtlpSpan& model, const OtlpSpan* root);
  std::vector<std::uint64_t> take_children(std::uint64_t span_id);

  std::unordered_map<std::uint64_t, OtlpSpan> held_;  // by span id
  std::vector<OtlpSpan> early_roots_;  // roots that came before their spans, in order
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> children_;  // parent span id -> span ids
  TraceSetWriter writer_;
  std::size_t requests_ = 0;
  std::size_t empty_requests_ = 0;
  bool hold_every_root_;
};

}  // namespace trace_summary
