#include "render/json_renderer.hpp"

#include "render/table_renderer.hpp"

namespace trace_summary {
namespace {

OrderedJson json_row(const StatRow& row, const std::vector<double>& percentiles) {
  OrderedJson j;
  j["key"] = std::string(row.def->key);
  j["label"] = std::string(row.def->label);
  j["depth"] = row.def->depth;
  j["traces"] = row.traces;
  j["avg_us"] = row.avg_us;
  j["mean_us"] = row.mean_us ? OrderedJson(*row.mean_us) : OrderedJson(nullptr);
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

OrderedJson json_windows(const ModelReport& model) {
  OrderedJson rows = OrderedJson::array();
  for (const TimeWindow& w : model.windows) {
    rows.push_back(OrderedJson{{"start_s", w.start_s}, {"count", w.count}, {"p50_us", w.p50_us}, {"p99_us", w.p99_us}});
  }
  return OrderedJson{{"width_s", static_cast<double>(model.window_ns) / 1e9},
                     {"origin_ns", model.origin_ns},
                     {"rows", std::move(rows)}};
}

// One trace, written member by member (no tree of it is built).
void write_trace(JsonStream& json, const TraceView& trace, Compat compat) {
  json.open('{');
  write_request_identity(json, trace);
  json.key("spans_us");
  json.open('{');
  for (std::size_t s = 0; s < kSpanCount; ++s) {
    if (!trace.spans[s]) continue;
    const SpanDef* def = measured_row(static_cast<Span>(s), trace.protocol, compat);
    json.member_double(def->key, static_cast<double>(trace.spans[s]->duration_ns()) / 1000);
  }
  json.close();
  json.key("timestamps");
  json.open('[');
  for (const TraceStamp& stamp : trace.stamps) {
    json.open('{');
    json.member_text("name", stamp.name);
    json.member_int("ns", stamp.ns);
    json.close();
  }
  json.close();
  json.close();
}

}  // namespace

void JsonSink::begin() {
  json_.open('{');
  json_.member("schema", "trace_summary");
  json_.member("version", kJsonSchemaVersion);
  json_.member("compat", compat_ == Compat::Classic ? "classic" : "current");
  json_.member("percentiles", percentiles_);
  json_.key("files");
  json_.open('[');
}

void JsonSink::file(const FileReport& report) {
  json_.open('{');
  json_.member("name", report.display_name());
  json_.member("inputs", report.inputs());
  OrderedJson warnings = OrderedJson::array();
  for (const Warning& w : report.warnings()) warnings.push_back(w.input + ": " + w.text);
  json_.member("warnings", warnings);
  json_.key("protocols");
  json_.open('[');
  for (Protocol protocol : kProtocols) {
    json_.open('{');
    json_.member("protocol", protocol_name(protocol));
    json_.key("models");
    json_.open('[');
    for (std::size_t m = 0; m < report.model_count(protocol); ++m) model(report, protocol, m);
    json_.close();
    json_.close();
  }
  json_.close();
  if (report.has_dataflow()) {
    Output dataflow;  // a JSON string is written whole
    report.write_dataflow(dataflow);
    json_.member_text("dataflow", dataflow.text());
  } else {
    json_.member("dataflow", OrderedJson(nullptr));
  }
  if (top_.top > 0) top(report);
  json_.close();
}

void JsonSink::top(const FileReport& report) {
  json_.key("top");
  json_.open('{');
  json_.member_text("by", top_.key.name());
  json_.key("requests");
  json_.open('[');
  for_each_selected(report, top_, [&](const TraceView& t, std::size_t rank) {
    write_request_object(json_, t, report.compat(), rank);
  });
  json_.close();
  json_.close();
}

void JsonSink::model(const FileReport& report, Protocol protocol, std::size_t index) {
  StatsRequest request{true, percentiles_};
  request.window_ns = window_ns_;
  const ModelReport model = report.model(protocol, index, request);
  json_.open('{');
  json_.member("model", model.name);
  json_.member("version", model.version);
  json_.member("count", model.count);
  if (window_ns_ > 0) json_.member("windows", json_windows(model));
  OrderedJson rows = OrderedJson::array();
  for (const StatRow& row : model.rows) rows.push_back(json_row(row, percentiles_));
  json_.member("spans", rows);
  if (with_traces_) {
    json_.key("traces");
    json_.open('[');
    report.for_each_trace_of_model(protocol, index, TraceDetail::WithStamps,
                                   [&](const TraceView& t) { write_trace(json_, t, report.compat()); });
    json_.close();
  }
  json_.close();
}

void JsonSink::failed_file(const std::string& name, const std::string& error) {
  json_.value(OrderedJson{{"name", name}, {"error", error}});
}

void JsonSink::end() {
  json_.close();
  json_.close();
}

}  // namespace trace_summary
