#include "engine/span_stats.hpp"

#include <algorithm>

#include "engine/percentiles.hpp"

namespace trace_summary {
namespace {

// A row: a span, or a total minus its parts (the "Overhead" rows).
struct RowSpec {
  const char* key;
  const char* label;
  int depth;
  Span total;
  std::vector<Span> minus;
};

// The classic summary's rows for a pass, in order; which a model shows
// follows the classic rules (see shown()).
std::vector<RowSpec> row_specs(Protocol protocol, Compat compat) {
  std::vector<RowSpec> rows;
  if (protocol == Protocol::Http) {
    rows = {{"http_infer", "HTTP infer request", 0, Span::HttpInfer, {}},
            {"http_receive", "Receive", 1, Span::HttpRecv, {}},
            {"http_send", "Send", 1, Span::HttpSend, {}},
            {"http_overhead", "Overhead", 1, Span::HttpInfer, {Span::Request, Span::HttpRecv, Span::HttpSend}}};
  } else if (compat == Compat::Classic) {
    rows = {{"grpc_infer", "GRPC infer request", 0, Span::GrpcInfer, {}},
            {"grpc_wait_read", "Wait/Read", 1, Span::GrpcWaitread, {}},
            {"grpc_send", "Send", 1, Span::GrpcSend, {}},
            {"grpc_overhead", "Overhead", 1, Span::GrpcInfer, {Span::Request, Span::GrpcWaitread, Span::GrpcSend}}};
  } else {
    rows = {{"grpc_infer", "GRPC infer request", 0, Span::GrpcInfer, {}}, {"grpc_send", "Send", 1, Span::GrpcSend, {}}};
  }
  const std::vector<RowSpec> handler = {
      {"handler", "Handler", 1, Span::Request, {}},
      {"handler_overhead", "Overhead", 2, Span::Request, {Span::Queue, Span::Compute}},
      {"queue", "Queue", 2, Span::Queue, {}},
      {"compute", "Compute", 2, Span::Compute, {}},
      {"compute_input", "Input", 3, Span::ComputeInput, {}},
      {"compute_infer", "Infer", 3, Span::ComputeInfer, {}},
      {"compute_output", "Output", 3, Span::ComputeOutput, {}}};
  rows.insert(rows.end(), handler.begin(), handler.end());
  return rows;
}

bool has(const ModelStats& m, Span s) { return m.has[static_cast<std::size_t>(s)]; }

// The classic summary prints the frontend rows when the model has the infer
// span, the queue/compute rows when it has both, the breakdown when it has
// input and output.
bool shown(const RowSpec& row, const ModelStats& m) {
  const std::string key = row.key;
  if (key.rfind("http_", 0) == 0) return has(m, Span::HttpInfer);
  if (key.rfind("grpc_", 0) == 0) return has(m, Span::GrpcInfer);
  if (key == "handler") return true;
  if (key.rfind("compute_", 0) == 0) return has(m, Span::ComputeInput) && has(m, Span::ComputeOutput);
  return has(m, Span::Queue) && has(m, Span::Compute);
}

wide_int classic_sum(const RowSpec& row, const ModelStats& m) {
  wide_int total = m.sum[static_cast<std::size_t>(row.total)];
  for (Span s : row.minus) total -= m.sum[static_cast<std::size_t>(s)];
  return total;
}

// The row's duration for one trace, when it has every span involved.
std::optional<std::int64_t> trace_value(const RowSpec& row, const SpanDurations& spans) {
  const auto& total = spans[static_cast<std::size_t>(row.total)];
  if (!total) return std::nullopt;
  auto value = static_cast<std::int64_t>(*total);
  for (Span s : row.minus) {
    const auto& part = spans[static_cast<std::size_t>(s)];
    if (!part) return std::nullopt;
    value -= static_cast<std::int64_t>(*part);
  }
  return value;
}

SpanRow finish_row(const RowSpec& spec, const ModelStats& m, std::vector<std::int64_t>& values,
                   const std::vector<double>& percentiles, wide_int request_total) {
  SpanRow row;
  row.key = spec.key;
  row.label = spec.label;
  row.depth = spec.depth;
  row.traces = values.size();
  const wide_int sum = classic_sum(spec, m);
  row.avg_us = exact_ratio(sum, m.count * 1000);
  row.share_percent = request_total == 0 ? 0 : exact_ratio(sum * 100, 1) / exact_ratio(request_total, 1);
  if (values.empty()) return row;
  std::sort(values.begin(), values.end());
  row.min_us = static_cast<double>(values.front()) / 1000;
  row.max_us = static_cast<double>(values.back()) / 1000;
  for (double p : percentiles) row.percentiles_us.push_back(percentile(values, p) / 1000);
  return row;
}

}  // namespace

const char* protocol_name(Protocol protocol) { return protocol == Protocol::Http ? "HTTP" : "GRPC"; }

PassRows span_rows(const TraceSet& set, const FileSummary& summary, const PassSummary& pass,
                   const std::vector<double>& percentiles) {
  const Compat compat = summary.naming == Naming::Lowercase ? Compat::Classic : summary.compat;
  const std::vector<RowSpec> specs = row_specs(pass.protocol, compat);
  // Per model, per row: the durations of the traces that have it.
  std::vector<std::vector<std::vector<std::int64_t>>> values(pass.models.size(),
                                                             std::vector<std::vector<std::int64_t>>(specs.size()));
  for (const CountedTrace& trace : pass.traces) {
    const SpanDurations spans = trace_spans(set, summary, pass.protocol, trace);
    for (std::size_t r = 0; r < specs.size(); ++r) {
      if (auto v = trace_value(specs[r], spans)) values[trace.model][r].push_back(*v);
    }
  }
  PassRows out;
  out.protocol = pass.protocol;
  for (std::size_t mi = 0; mi < pass.models.size(); ++mi) {
    const ModelStats& m = pass.models[mi];
    ModelRows model{m.model_name, m.model_version, m.count, {}};
    wide_int request_total = 0;
    bool first = true;
    for (std::size_t r = 0; r < specs.size(); ++r) {
      if (!shown(specs[r], m)) continue;
      if (first) request_total = classic_sum(specs[r], m);
      first = false;
      model.rows.push_back(finish_row(specs[r], m, values[mi][r], percentiles, request_total));
    }
    out.models.push_back(std::move(model));
  }
  return out;
}

}  // namespace trace_summary
