#include "engine/span_stats.hpp"

#include <algorithm>

#include "engine/percentiles.hpp"

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

void add_distribution(StatRow& row, std::vector<double>& values, wide_int sum, const std::vector<double>& percentiles) {
  row.traces = values.size();
  if (values.empty()) return;
  row.mean_us = exact_ratio(sum, values.size() * 1000);
  std::sort(values.begin(), values.end());
  row.min_us = values.front() / 1000;
  row.max_us = values.back() / 1000;
  for (double p : percentiles) row.percentiles_us.push_back(percentile(values, p) / 1000);
}

}  // namespace

ModelReport model_report(const TraceSet& set, const FileSummary& summary, const PassSummary& pass, std::size_t index,
                         TraceRange traces, const StatsRequest& request) {
  const ModelStats& m = pass.models[index];
  ModelReport report{set.values[m.model_name].text, set.values[m.model_version].text, m.count, {}};
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
  if (!request.distribution) return report;
  std::vector<std::vector<double>> values(report.rows.size());
  std::vector<wide_int> sums(report.rows.size(), 0);
  for (std::uint32_t t : traces) {
    const SpanTimes spans = trace_spans(set, summary, pass.protocol, pass.traces[t]);
    for (std::size_t r = 0; r < report.rows.size(); ++r) {
      if (auto v = row_value_ns(*report.rows[r].def, spans)) {
        values[r].push_back(static_cast<double>(*v));
        sums[r] += *v;
      }
    }
  }
  for (std::size_t r = 0; r < report.rows.size(); ++r) add_distribution(report.rows[r], values[r], sums[r], request.percentiles);
  return report;
}

}  // namespace trace_summary
