#include "render/json_renderer.hpp"

#include <algorithm>

#include "render/table_renderer.hpp"

namespace trace_summary {
namespace {

OrderedJson json_row(const SpanRow& row, const std::vector<double>& percentiles) {
  OrderedJson j;
  j["key"] = row.key;
  j["label"] = row.label;
  j["depth"] = row.depth;
  j["traces"] = row.traces;
  j["avg_us"] = row.avg_us;
  j["min_us"] = row.min_us ? OrderedJson(*row.min_us) : OrderedJson(nullptr);
  j["max_us"] = row.max_us ? OrderedJson(*row.max_us) : OrderedJson(nullptr);
  OrderedJson p = OrderedJson::object();
  for (std::size_t i = 0; i < row.percentiles_us.size() && i < percentiles.size(); ++i) {
    p[percentile_name(percentiles[i])] = row.percentiles_us[i];
  }
  j["percentiles_us"] = p;
  j["share_percent"] = row.share_percent;
  return j;
}

// Keys of the spans a trace had, in µs.
constexpr std::pair<Span, const char*> kSpanKeys[] = {
    {Span::HttpInfer, "http_infer"},       {Span::HttpRecv, "http_receive"},
    {Span::HttpSend, "http_send"},         {Span::GrpcInfer, "grpc_infer"},
    {Span::GrpcWaitread, "grpc_wait_read"}, {Span::GrpcSend, "grpc_send"},
    {Span::Request, "handler"},            {Span::Queue, "queue"},
    {Span::Compute, "compute"},            {Span::ComputeInput, "compute_input"},
    {Span::ComputeInfer, "compute_infer"}, {Span::ComputeOutput, "compute_output"}};

OrderedJson json_trace(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace) {
  OrderedJson j;
  const TraceModel model = trace_model(set, trace);
  j["id"] = json_id(set.group_ids[trace_group(set, trace)]);
  const RecordAttrs* anchor = set.attrs_of(set.records[trace.anchor]);
  j["parent_id"] = anchor != nullptr && anchor->has_parent ? json_id(set.parent_ids[anchor->parent]) : OrderedJson(nullptr);
  j["model"] = set.values[model.name].text;
  j["version"] = set.values[model.version].text;
  const SpanDurations spans = trace_spans(set, summary, protocol, trace);
  OrderedJson s = OrderedJson::object();
  for (const auto& [span, key] : kSpanKeys) {
    if (const auto& d = spans[static_cast<std::size_t>(span)]) s[key] = static_cast<double>(*d) / 1000;
  }
  j["spans_us"] = s;
  std::vector<std::pair<std::int64_t, NameId>> stamps;
  for_each_timestamp(set, trace, [&](NameId name, std::int64_t ns) { stamps.emplace_back(ns, name); });
  std::stable_sort(stamps.begin(), stamps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  OrderedJson ts = OrderedJson::array();
  for (const auto& [ns, name] : stamps) ts.push_back({{"name", set.names.info(name).text}, {"ns", ns}});
  j["timestamps"] = ts;
  return j;
}

}  // namespace

OrderedJson json_id(TraceId id) {
  if (id < 0) return static_cast<std::int64_t>(id);
  return static_cast<std::uint64_t>(id);
}

OrderedJson json_file(const TraceSet& set, const FileSummary& summary, const std::string& display_name,
                      const std::vector<std::string>& inputs, const std::vector<PassRows>& passes,
                      const std::vector<double>& percentiles, bool with_traces) {
  OrderedJson file;
  file["name"] = display_name;
  file["inputs"] = inputs;
  file["warnings"] = OrderedJson::array();
  OrderedJson protocols = OrderedJson::array();
  for (const PassRows& pass : passes) {
    const PassSummary& ps = pass.protocol == Protocol::Http ? summary.http : summary.grpc;
    OrderedJson models = OrderedJson::array();
    for (std::size_t m = 0; m < pass.models.size(); ++m) {
      const ModelRows& model = pass.models[m];
      OrderedJson jm;
      jm["model"] = set.values[model.model_name].text;
      jm["version"] = set.values[model.model_version].text;
      jm["count"] = model.count;
      OrderedJson rows = OrderedJson::array();
      for (const SpanRow& row : model.rows) rows.push_back(json_row(row, percentiles));
      jm["spans"] = rows;
      if (with_traces) {
        OrderedJson traces = OrderedJson::array();
        for (const CountedTrace& t : ps.traces) {
          if (t.model == m) traces.push_back(json_trace(set, summary, pass.protocol, t));
        }
        jm["traces"] = traces;
      }
      models.push_back(jm);
    }
    protocols.push_back({{"protocol", protocol_name(pass.protocol)}, {"models", models}});
  }
  file["protocols"] = protocols;
  return file;
}

void write_json_document(const OrderedJson& files, Compat compat, const std::vector<double>& percentiles,
                         Output& out) {
  OrderedJson doc;
  doc["schema"] = "trace_summary";
  doc["version"] = kJsonSchemaVersion;
  doc["compat"] = compat == Compat::Classic ? "classic" : "current";
  doc["percentiles"] = percentiles;
  doc["files"] = files;
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace trace_summary
