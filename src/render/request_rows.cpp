#include "render/request_rows.hpp"

#include "pycompat/py_number.hpp"
#include "render/csv_renderer.hpp"
#include "render/json_renderer.hpp"
#include "render/json_stream.hpp"

namespace trace_summary {
namespace {

std::string micros_text(wide_int ns) { return py_float_repr(exact_ratio(ns, 1000)); }

std::string id_text(const std::optional<wide_int>& id) { return id ? wide_int_to_string(*id) : ""; }

}  // namespace

void write_id(JsonStream& json, std::string_view name, wide_int id) {
  if (id < 0) {
    json.member_int(name, static_cast<std::int64_t>(id));
  } else {
    json.member_uint(name, static_cast<std::uint64_t>(id));
  }
}

void for_each_selected(const FileReport& report, const RequestSelection& selection,
                       const std::function<void(const TraceView&, std::size_t)>& fn) {
  if (selection.top == 0) {
    for (Protocol protocol : kProtocols)
      report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) { fn(t, 0); });
    return;
  }
  const std::vector<RankedTrace> top = top_traces(report, selection.top, selection.key);
  for (std::size_t i = 0; i < top.size(); ++i) fn(top[i].trace, i + 1);
}

void write_request_identity(JsonStream& json, const TraceView& trace) {
  write_id(json, "id", trace.id);
  if (trace.parent_id) {
    write_id(json, "parent_id", *trace.parent_id);
  } else {
    json.member_null("parent_id");
  }
  json.member_text("model", trace.model_name);
  json.member_text("version", trace.model_version);
}

void write_request_object(JsonStream& json, const TraceView& t, Compat compat, std::size_t rank,
                          const std::string* file) {
  json.open('{');
  if (file != nullptr) json.member_text("file", *file);
  if (rank > 0) json.member_int("rank", static_cast<std::int64_t>(rank));
  json.member_text("protocol", protocol_name(t.protocol));
  write_request_identity(json, t);
  json.key("spans_us");
  json.open('{');
  for (const SpanDef* def : catalogue_rows(t.protocol, compat)) {
    if (is_count_row(*def)) {
      if (auto v = trace_row_value(*def, t)) json.member_int(def->key, static_cast<std::int64_t>(*v));
    } else if (auto v = trace_row_value(*def, t)) {
      json.member_double(def->key, exact_ratio(*v, 1000));
    }
  }
  json.close();
  json.close();
}

void JsonLinesSink::file(const FileReport& report) {
  for_each_selected(report, selection_, [&](const TraceView& t, std::size_t rank) {
    JsonStream json(out_, true);
    write_request_object(json, t, report.compat(), rank, &report.display_name());
  });
}

void JsonLinesSink::failed_file(const std::string& name, const std::string& error) {
  out_ << OrderedJson{{"file", name}, {"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
       << '\n';
}

void CsvRequestsSink::begin() {
  out_ << "file,rank,protocol,id,parent_id,model,version";
  for (std::string_view key : catalogue_keys()) out_ << ',' << key << (key == "responses" ? "" : "_us");
  out_ << "\r\n";
}

void CsvRequestsSink::file(const FileReport& report) {
  const std::vector<std::string_view> keys = catalogue_keys();
  for_each_selected(report, selection_, [&](const TraceView& t, std::size_t rank) {
    out_ << csv_field(report.display_name()) << ',' << (rank > 0 ? std::to_string(rank) : "") << ','
         << protocol_name(t.protocol) << ',' << wide_int_to_string(t.id) << ',' << id_text(t.parent_id) << ','
         << csv_field(std::string(t.model_name)) << ',' << csv_field(std::string(t.model_version));
    for (std::string_view key : keys) {
      const SpanDef* def = row_by_key(key, t.protocol, report.compat());
      const auto value = def != nullptr ? trace_row_value(*def, t) : std::nullopt;
      if (!value) {
        out_ << ',';
      } else {
        out_ << ',' << (is_count_row(*def) ? wide_int_to_string(*value) : micros_text(*value));
      }
    }
    out_ << "\r\n";
  });
}

}  // namespace trace_summary
