// The report model: what a report says, as plain numbers and strings, for
// one file (or a merged set of files). Every renderer prints from it and
// from nothing else. Per-model statistics and per-trace data are produced on
// demand through the FileReport interface, so memory follows the traces,
// never the size of the output.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/output.hpp"
#include "pycompat/py_number.hpp"
#include "report/span_catalogue.hpp"

namespace trace_summary {

/// What statistics a report computes beyond the classic sums.
struct StatsRequest {
  bool distribution = false;        ///< min, max and percentiles of the per-trace values
  std::vector<double> percentiles;  ///< each in [0, 100]
  std::size_t histogram_bins = 0;   ///< > 0: each row's histogram (needs `distribution`)
  std::uint64_t window_ns = 0;      ///< > 0: the request time per window of this width (or kAutoWindow)
  std::size_t scatter_limit = 0;    ///< > 0: at most about this many (start, request time) points
};

/// StatsRequest::window_ns: a round width that cuts the report's time into
/// about 100 windows.
inline constexpr std::uint64_t kAutoWindow = ~std::uint64_t{0};

/// One bar of a histogram of a row's per-trace values.
struct HistogramBin {
  double lower_us = 0, upper_us = 0;  ///< [lower, upper); the last bin includes its upper edge
  std::uint64_t count = 0;
};

/// The distribution of a row's values in bins of equal width, or of equal
/// ratio (`log_scale`) when the values span a wide range.
struct Histogram {
  bool log_scale = false;
  std::vector<HistogramBin> bins;
};

/// The requests that started in one time window: [start_s, start_s + width)
/// from the report's origin. Only windows in which a request started.
struct TimeWindow {
  std::uint64_t index = 0;  ///< start_s = index * width
  double start_s = 0;
  std::uint64_t count = 0;
  double p50_us = 0, p99_us = 0;  ///< of the request time, as numpy computes them
};

/// One request on the time axis: when it started and how long it took.
struct TimePoint {
  double start_s = 0;  ///< from the report's origin
  double value_us = 0;
};

/// One catalogue row of one model.
struct StatRow {
  const SpanDef* def = nullptr;
  std::uint64_t traces = 0;  ///< counted traces that had the row's spans
  wide_int sum_ns = 0;       ///< exact sum (a formula row: of its total minus its parts)
  /// The classic average: `sum_ns` over all the model's traces, in µs.
  double avg_us = 0;
  std::optional<double> mean_us;         ///< over the traces that had it (when asked)
  std::optional<double> min_us, max_us;  ///< over the traces that had it (when asked)
  std::vector<double> percentiles_us;    ///< one per asked percentile (when asked)
  double share_percent = 0;              ///< of the request time (the first row's sum)
  Histogram histogram;                   ///< when asked
};

/// One model (name and version, as the summary prints them) of one pass.
struct ModelReport {
  std::string name, version;
  std::uint64_t count = 0;    ///< counted traces
  std::vector<StatRow> rows;  ///< the rows the classic summary shows, in its order
  /// The earliest start of a span the engine paired in the whole report (ns):
  /// time 0 of the windows and points of every model.
  std::int64_t origin_ns = 0;
  std::uint64_t window_ns = 0;      ///< the width of the windows
  std::vector<TimeWindow> windows;  ///< when asked: the first row's value per window
  std::vector<TimePoint> points;    ///< when asked: every request, or a sample that keeps the extremes
};

/// The start and end of one measured span of one trace, in ns.
struct SpanTime {
  std::int64_t start_ns = 0, end_ns = 0;
  /// The duration (the engine never pairs an end before its start).
  std::uint64_t duration_ns() const {
    return static_cast<std::uint64_t>(end_ns) - static_cast<std::uint64_t>(start_ns);
  }
};

/// The spans of one trace that the engine paired, by Span; absent: nullopt.
using SpanTimes = std::array<std::optional<SpanTime>, kSpanCount>;

/// A catalogue row's value for one trace in ns: a measured span's duration,
/// or a formula's total minus its parts; nullopt when one of them is absent.
std::optional<wide_int> row_value_ns(const SpanDef& row, const SpanTimes& spans);

/// The responses of one streamed request (a decoupled model's), in ns. How
/// its stamps give them is in the catalogue's streamed rows.
struct StreamTimes {
  std::int64_t arrival_ns = 0;             ///< HTTP_RECV_START or GRPC_WAITREAD_END
  std::int64_t first_ns = 0;               ///< the first response
  std::vector<std::int64_t> responses_ns;  ///< every response, in time order (never empty)
};

/// A streamed row's value for one request: the responses (a count) or a time
/// in ns; nullopt for an ordinary row and for the gap row, which has a value
/// per pair of responses rather than per request.
std::optional<wide_int> stream_value(const SpanDef& row, const StreamTimes& stream);

/// The gaps between consecutive responses, in ns, in time order (wide: a
/// gap between two 64-bit stamps may not fit 64 bits).
std::vector<wide_int> response_gaps_ns(const StreamTimes& stream);

/// Every value a request gives a streamed row: stream_value()'s, or each gap.
std::vector<wide_int> stream_values(const SpanDef& row, const StreamTimes& stream);

/// One timestamp of a trace as the reference lists it.
struct TraceStamp {
  std::string_view name;
  std::int64_t ns = 0;
  bool listed = true;  ///< shown by the classic `-t` listing
};

/// One counted trace, as a cursor hands it out (valid during the callback).
struct TraceView {
  Protocol protocol = Protocol::Http;
  std::uint32_t model = 0;  ///< index of its model in the pass
  wide_int id = 0;
  std::optional<wide_int> parent_id;
  std::string_view model_name, model_version;  ///< the trace's own, as `-t` prints them
  SpanTimes spans;                             ///< the spans the engine counted
  std::vector<TraceStamp> stamps;              ///< in time order (stable), repeats as the script has them
  std::optional<StreamTimes> stream;           ///< a streamed request's responses

  const std::optional<SpanTime>& span(Span s) const { return spans[static_cast<std::size_t>(s)]; }
};

/// A row's value for one trace: row_value_ns() of an ordinary row, or
/// stream_value() of a streamed row.
std::optional<wide_int> trace_row_value(const SpanDef& row, const TraceView& trace);

/// Every value a trace gives a row: trace_row_value()'s, or each gap of the gap row.
std::vector<wide_int> trace_row_values(const SpanDef& row, const TraceView& trace);

/// A message for standard error about one input.
struct Warning {
  std::string input;
  std::string text;
};

using TraceCallback = std::function<void(const TraceView&)>;

/// What a cursor fills in each TraceView. The timestamps are a list built
/// and sorted per trace; a caller that reads only ids, models, spans and
/// responses asks for the view without them (`stamps` is then empty).
enum class TraceDetail { WithStamps, WithoutStamps };

/// One report. Its statistics and traces are computed when asked; nothing in
/// it changes after it is made, so several threads may call its members at
/// once.
class FileReport {
 public:
  virtual ~FileReport() = default;

  /// The name the report is shown by, and the inputs it was made from.
  virtual const std::string& display_name() const = 0;
  virtual const std::vector<std::string>& inputs() const = 0;
  /// The rules the spans follow (a lowercase file always follows Classic).
  virtual Compat compat() const = 0;
  virtual const std::vector<Warning>& warnings() const = 0;
  /// How the server wrote the inputs: "trace file" (--trace-config
  /// mode=triton), "OpenTelemetry", or both, comma-separated (--merge).
  virtual const std::string& server_mode() const = 0;

  /// Models of each pass, in the order the classic summary prints them.
  virtual std::size_t model_count(Protocol protocol) const = 0;
  virtual ModelReport model(Protocol protocol, std::size_t index, const StatsRequest& request) const = 0;

  /// The pass's counted traces in the order `-t` lists them.
  virtual void for_each_trace(Protocol protocol, TraceDetail detail, const TraceCallback& fn) const = 0;
  /// The counted traces of one model, in the same order.
  virtual void for_each_trace_of_model(Protocol protocol, std::size_t model, TraceDetail detail,
                                       const TraceCallback& fn) const = 0;
  /// The pass's counted traces at `positions` (ascending places in the order
  /// of for_each_trace; 0 is the first): a few traces found in an earlier
  /// pass, without the cost of a view of every other.
  virtual void for_each_trace_at(Protocol protocol, const std::vector<std::uint32_t>& positions, TraceDetail detail,
                                 const TraceCallback& fn) const = 0;

  /// False when no trace names a parent: then no counted trace ran inside
  /// another (ensembles, BLS), which is known without a pass of the cursor.
  virtual bool may_have_children() const = 0;

  /// Whether there is a Data Flow section (TENSORS-level traces, ensembles).
  virtual bool has_dataflow() const = 0;
  /// Writes the classic Data Flow section as the text format prints it. It
  /// was checked when the report was made, so it cannot fail here; it is
  /// rendered as it is written, so its size costs no memory.
  virtual void write_dataflow(Output& out) const = 0;
  /// With `-v`: each input's text, to be dumped as Python's json.dumps would.
  virtual const std::vector<std::string>& verbose_texts() const = 0;
};

inline constexpr std::array<Protocol, 2> kProtocols = {Protocol::Http, Protocol::Grpc};

/// "HTTP" or "GRPC".
const char* protocol_name(Protocol protocol);

}  // namespace trace_summary
