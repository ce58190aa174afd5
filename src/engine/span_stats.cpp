#include "engine/span_stats.hpp"

#include <algorithm>

#include "engine/histogram.hpp"
#include "engine/percentiles.hpp"
#include "engine/time_series.hpp"

namespace trace_summary {
namespace {

bool has(const ModelStats& m, Span s) { return m.has[static_cast<std::size_t>(s)]; }

bool shown(const SpanDef& row, const ModelStats& m) {
  if (row.stream == StreamStat::ResponseGap) return m.stream.responses > m.stream.requests;  // some gap
  if (is_stream_row(row)) return m.stream.requests > 0;
  for (std::uint8_t i = 0; i < row.shown_if_count; ++i) {
    if (!has(m, row.shown_if[i])) return false;
  }
  return true;
}

// A streamed row's sum, and how many values it is over.
std::pair<wide_int, std::uint64_t> stream_sum(const SpanDef& row, const StreamSums& s) {
  switch (row.stream) {
    case StreamStat::Responses:
      return {static_cast<wide_int>(s.responses), s.requests};
    case StreamStat::FirstResponse:
      return {s.first_ns, s.requests};
    case StreamStat::ResponseGap:
      return {s.gaps_ns, s.responses - s.requests};
    case StreamStat::LastResponse:
    case StreamStat::None:
      break;
  }
  return {s.last_ns, s.requests};
}

// The row's value as the classic average prints it: a count as it is, a time in µs.
double per_value(const SpanDef& row, wide_int sum, std::uint64_t n) {
  if (n == 0) return 0;
  return exact_ratio(sum, n * (is_count_row(row) ? 1 : 1000));
}

wide_int row_sum(const SpanDef& row, const ModelStats& m) {
  if (is_stream_row(row)) return stream_sum(row, m.stream).first;
  wide_int total = m.sum[static_cast<std::size_t>(row.span)];
  for (std::uint8_t i = 0; i < row.minus_count; ++i) total -= m.sum[static_cast<std::size_t>(row.minus[i])];
  return total;
}

void add_distribution(StatRow& row, std::vector<double>& values, wide_int sum, const StatsRequest& request) {
  row.traces = values.size();
  if (values.empty()) return;
  const double scale = is_count_row(*row.def) ? 1 : 1000;
  row.mean_us = per_value(*row.def, sum, values.size());
  // No sort: the ranks the percentiles read are selected, and the
  // histogram counts values in any order.
  const Selected selected = select_percentiles(values, request.percentiles);
  if (request.histogram_bins > 0) row.histogram = make_histogram(values, request.histogram_bins);
  row.min_us = selected.min / scale;
  row.max_us = selected.max / scale;
  for (double v : selected.percentiles) row.percentiles_us.push_back(v / scale);
}

// Adds the values of one trace's streamed rows.
void add_stream_values(const std::vector<StatRow>& rows, const StreamTimes& stream,
                       std::vector<std::vector<double>>& values, std::vector<wide_int>& sums) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (!is_stream_row(*rows[r].def)) continue;
    for (wide_int v : stream_values(*rows[r].def, stream)) {
      values[r].push_back(static_cast<double>(v));
      sums[r] += v;
    }
  }
}

// Each row's share of the request time: `sums[r]` over `sums[0]`, the first
// row's; none for the streamed rows, where it means nothing.
void set_shares(std::vector<StatRow>& rows, const std::vector<wide_int>& sums) {
  const wide_int request_total = sums.front();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (is_stream_row(*rows[r].def)) continue;
    rows[r].share_percent = request_total == 0 ? 0 : exact_ratio(sums[r] * 100, 1) / exact_ratio(request_total, 1);
  }
}

void set_shares(std::vector<StatRow>& rows) {
  std::vector<wide_int> sums;
  for (const StatRow& row : rows) sums.push_back(row.sum_ns);
  set_shares(rows, sums);
}

// A model with streamed requests has rows that only its ordinary requests
// have (the protocol's): a formula's sums over all traces would subtract
// parts of other traces, so each row's sum (and its average over the
// model's `count` traces) is over the traces that had it. Shares are of the
// request time, so they are over the traces that have the first row
// (`of_first`): a streamed request's handler time is not a part of another
// request's request time.
void share_of_had(std::vector<StatRow>& rows, const std::vector<wide_int>& sums, const std::vector<wide_int>& of_first,
                  std::uint64_t count) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (is_stream_row(*rows[r].def)) continue;
    rows[r].sum_ns = sums[r];
    rows[r].avg_us = exact_ratio(sums[r], count * 1000);
  }
  set_shares(rows, of_first);
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
  ModelReport report;
  report.name = set.values[m.model_name].text;
  report.version = set.values[m.model_version].text;
  report.count = m.count;
  report.origin_ns = time_span.origin_ns;
  for (const SpanDef* def : catalogue_rows(pass.protocol, effective_compat(summary))) {
    if (!shown(*def, m)) continue;
    StatRow row;
    row.def = def;
    row.sum_ns = row_sum(*def, m);
    // A streamed row averages over its own values (requests or gaps); the
    // classic rows over all the model's traces, as the reference does.
    row.avg_us = is_stream_row(*def) ? per_value(*def, row.sum_ns, stream_sum(*def, m.stream).second)
                                     : exact_ratio(row.sum_ns, m.count * 1000);
    report.rows.push_back(row);
  }
  if (report.rows.empty()) return report;
  set_shares(report.rows);
  const bool timed = request.window_ns > 0 || request.scatter_limit > 0;
  if (!request.distribution && !timed) return report;
  std::vector<std::vector<double>> values(report.rows.size());
  std::vector<wide_int> sums(report.rows.size(), 0), of_first(report.rows.size(), 0);
  std::vector<TimedValue> requests;
  const Span first = report.rows.front().def->span;
  for (std::uint32_t t : traces) {
    const TraceTimes times = trace_times(set, summary, pass.protocol, pass.traces[t]);
    const SpanTimes& spans = times.spans;
    // of_first is read only for a model with streamed requests (share_of_had).
    const bool has_first = m.stream.requests > 0 && row_value_ns(*report.rows.front().def, spans).has_value();
    for (std::size_t r = 0; r < report.rows.size(); ++r) {
      if (auto v = row_value_ns(*report.rows[r].def, spans)) {
        values[r].push_back(static_cast<double>(*v));
        sums[r] += *v;
        if (has_first) of_first[r] += *v;
      }
    }
    const auto& span = spans[static_cast<std::size_t>(first)];
    if (timed && span) requests.push_back({span->start_ns, static_cast<double>(span->duration_ns())});
    if (m.stream.requests > 0 && times.stream) add_stream_values(report.rows, *times.stream, values, sums);
  }
  add_time_series(report, requests, request,
                  static_cast<std::uint64_t>(time_span.end_ns) - static_cast<std::uint64_t>(time_span.origin_ns));
  if (!request.distribution) return report;
  for (std::size_t r = 0; r < report.rows.size(); ++r) add_distribution(report.rows[r], values[r], sums[r], request);
  if (m.stream.requests > 0) share_of_had(report.rows, sums, of_first, m.count);
  return report;
}

}  // namespace trace_summary
