#include "engine/span_stats.hpp"

#include <algorithm>

#include "engine/histogram.hpp"
#include "engine/percentiles.hpp"
#include "engine/time_series.hpp"

namespace trace_summary {
namespace {

bool has(const ModelStats& m, Span s) { return m.has[static_cast<std::size_t>(s)]; }

bool shown(const SpanDef& row, const ModelStats& m) {
  for (std::uint8_t i = 0; i < row.shown_if_count; ++i) {
    if (!has(m, row.shown_if[i])) return false;
  }
  return true;
}

wide_int row_sum(const SpanDef& row, const ModelStats& m) {
  wide_int total = m.sum[static_cast<std::size_t>(row.span)];
  for (std::uint8_t i = 0; i < row.minus_count; ++i) total -= m.sum[static_cast<std::size_t>(row.minus[i])];
  return total;
}

void add_distribution(StatRow& row, std::vector<double>& values, wide_int sum, const StatsRequest& request) {
  row.traces = values.size();
  if (values.empty()) return;
  row.mean_us = exact_ratio(sum, values.size() * 1000);
  std::sort(values.begin(), values.end());
  row.min_us = values.front() / 1000;
  row.max_us = values.back() / 1000;
  for (double p : request.percentiles) row.percentiles_us.push_back(percentile(values, p) / 1000);
  row.histogram = make_histogram(values, request.histogram_bins);
}

// The windows and points of the request time (the first row) when asked.
void add_time_series(ModelReport& report, std::vector<TimedValue>& timed, const StatsRequest& request,
                     std::uint64_t span_ns) {
  report.window_ns = request.window_ns == kAutoWindow ? round_window_ns(span_ns) : request.window_ns;
  if (report.window_ns > 0) report.windows = time_windows(timed, report.origin_ns, report.window_ns);
  if (request.scatter_limit == 0) return;
  if (request.window_ns == 0) {
    std::stable_sort(timed.begin(), timed.end(),
                     [](const TimedValue& a, const TimedValue& b) { return a.start_ns < b.start_ns; });
  }
  report.points = time_points(timed, report.origin_ns, request.scatter_limit);
}

}  // namespace

ModelReport model_report(const TraceSet& set, const FileSummary& summary, const PassSummary& pass, std::size_t index,
                         TraceRange traces, const StatsRequest& request, TimeSpan time_span) {
  const ModelStats& m = pass.models[index];
  ModelReport report{set.values[m.model_name].text, set.values[m.model_version].text, m.count, {}};
  report.origin_ns = time_span.origin_ns;
  for (const SpanDef* def : catalogue_rows(pass.protocol, effective_compat(summary))) {
    if (!shown(*def, m)) continue;
    StatRow row;
    row.def = def;
    row.sum_ns = row_sum(*def, m);
    row.avg_us = exact_ratio(row.sum_ns, m.count * 1000);
    report.rows.push_back(row);
  }
  if (report.rows.empty()) return report;
  const wide_int request_total = report.rows.front().sum_ns;
  for (StatRow& row : report.rows) {
    row.share_percent = request_total == 0 ? 0 : exact_ratio(row.sum_ns * 100, 1) / exact_ratio(request_total, 1);
  }
  const bool timed = request.window_ns > 0 || request.scatter_limit > 0;
  if (!request.distribution && !timed) return report;
  std::vector<std::vector<double>> values(report.rows.size());
  std::vector<wide_int> sums(report.rows.size(), 0);
  std::vector<TimedValue> requests;
  const Span first = report.rows.front().def->span;
  for (std::uint32_t t : traces) {
    const SpanTimes spans = trace_spans(set, summary, pass.protocol, pass.traces[t]);
    for (std::size_t r = 0; r < report.rows.size(); ++r) {
      if (auto v = row_value_ns(*report.rows[r].def, spans)) {
        values[r].push_back(static_cast<double>(*v));
        sums[r] += *v;
      }
    }
    const auto& span = spans[static_cast<std::size_t>(first)];
    if (timed && span) requests.push_back({span->start_ns, static_cast<double>(span->duration_ns())});
  }
  add_time_series(report, requests, request,
                  static_cast<std::uint64_t>(time_span.end_ns) - static_cast<std::uint64_t>(time_span.origin_ns));
  if (!request.distribution) return report;
  for (std::size_t r = 0; r < report.rows.size(); ++r) add_distribution(report.rows[r], values[r], sums[r], request);
  return report;
}

}  // namespace trace_summary
