// Reads OTLP/JSON trace data (ExportTraceServiceRequest objects, one after
// another: the OpenTelemetry Collector's `file` exporter writes one a line)
// with nlohmann's SAX parser and hands each span, as soon as its object
// closes, to a SpanSink. No DOM is built; only the fields the summary needs
// are kept. Both key spellings are read: lowerCamelCase (the OTLP/JSON
// mapping) and snake_case (opentelemetry-cpp 1.8.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/errors.hpp"
#include "io/input_source.hpp"
#include "load/trace_set.hpp"

namespace trace_summary {

/// What the summary needs of one OTLP span.
struct OtlpSpan {
  std::uint64_t span_id = 0;
  std::optional<std::uint64_t> parent_span_id;  ///< absent for `""` or no field
  std::string name;
  bool has_model_name = false;  ///< it carries `triton.model_name`: a model span
  std::uint32_t model_name = kNone;     ///< index into TraceSet::values
  std::uint32_t model_version = kNone;  ///< index into TraceSet::values
  std::optional<TraceId> trace_id;         ///< `triton.trace_id`
  std::optional<TraceId> trace_parent_id;  ///< `triton.trace_parent_id`
  std::vector<std::pair<NameId, std::int64_t>> events;  ///< (name, timeUnixNano), in order
};

/// Why a span cannot be taken: `kind` for the --skip-invalid log, `what`
/// for the message.
struct SpanProblem {
  std::string kind, what;
};

/// Receives the spans as they are read, each as soon as its object closes.
class SpanSink {
 public:
  virtual ~SpanSink() = default;
  /// Takes `span`, or says why it cannot.
  virtual std::optional<SpanProblem> take(OtlpSpan&& span) = 0;
};

/// How reading the OTLP input ended.
struct OtlpEnding {
  bool truncated = false;           ///< it ended inside a JSON value (a collector still writing)
  std::uint64_t truncated_line = 0;  ///< when truncated: the line the cut is on
  std::size_t complete_values = 0;  ///< top-level objects read whole
};

/// Reads every top-level OTLP object of `input`, passing spans to `sink` and
/// interning names and values into `set`. Throws DataError (`line L, column
/// C: what is wrong`) on input that is not JSON or not OTLP; with `skip`, a
/// span (or other part) that breaks a rule is left out and logged instead.
OtlpEnding read_otlp(InputSource& input, TraceSet& set, SpanSink& sink, SkipLog* skip);

}  // namespace trace_summary
