// The rows of one model: the catalogue's rows the classic summary shows for
// it, with their exact sums and, when asked, the distribution of the
// per-trace values (min, max, percentiles as numpy computes them).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/span_engine.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// The earliest and the latest start of a span paired in a report (ns).
struct TimeSpan {
  std::int64_t origin_ns = 0, end_ns = 0;
};

/// Indices into a pass's traces.
struct TraceRange {
  const std::uint32_t* first = nullptr;
  const std::uint32_t* last = nullptr;
  const std::uint32_t* begin() const { return first; }
  const std::uint32_t* end() const { return last; }
};

/// The report of model `index` of `pass`. `traces` are the pass's counted
/// traces of that model (indices into pass.traces); they are read only when
/// `request.distribution` (or a time series) is asked for. `time_span` is
/// the report's: its origin is time 0 of the windows and points.
ModelReport model_report(const TraceSet& set, const FileSummary& summary, const PassSummary& pass, std::size_t index,
                         TraceRange traces, const StatsRequest& request, TimeSpan time_span = {});

}  // namespace trace_summary
