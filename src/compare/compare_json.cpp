// The JSON format of a comparison (docs/compare-output.md).
#include <nlohmann/json.hpp>

#include "compare/compare_renderers.hpp"

namespace trace_summary {
namespace {

using Json = nlohmann::ordered_json;

Json number_or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json side_json(const std::optional<SideStats>& side, const std::vector<double>& percentiles) {
  if (!side) return nullptr;
  Json p = Json::object();
  for (std::size_t i = 0; i < percentiles.size(); ++i) {
    p[Statistic{Statistic::Kind::Percentile, percentiles[i]}.name()] = side->percentiles_us[i];
  }
  return {{"count", side->count}, {"mean_us", side->mean_us}, {"percentiles_us", p}, {"max_us", side->max_us}};
}

Json row_json(const RowComparison& row, const CompareOptions& options) {
  Json j = {{"key", std::string(row.def->key)},
            {"label", std::string(row.def->label)},
            {"depth", row.def->depth},
            {"presence", presence_name(row.presence)},
            {"base", side_json(row.base, options.percentiles)},
            {"new", side_json(row.now, options.percentiles)}};
  if (row.test) {
    j["p_value"] = row.test->p_value;
    j["p_adjusted"] = *row.p_adjusted;
    j["method"] = row.test->method == MwuMethod::Exact ? "exact" : "asymptotic";
    j["u_statistic"] = row.test->u1;
  } else {
    j["p_value"] = j["p_adjusted"] = j["method"] = j["u_statistic"] = nullptr;
  }
  j["significant"] = row.significant;
  Json percent = Json::object(), absolute = Json::object();
  if (row.presence == Presence::Both) {
    for (const Statistic& s : shown_statistics(options.percentiles)) {
      percent[s.name()] = number_or_null(delta_percent(row, s, options));
      absolute[s.name()] = number_or_null(delta_absolute(row, s, options));
    }
  }
  j["delta_percent"] = row.presence == Presence::Both ? percent : Json(nullptr);
  j["delta"] = row.presence == Presence::Both ? absolute : Json(nullptr);
  return j;
}

Json violation_json(const Violation& v) {
  const bool count = v.rule->statistic.kind == Statistic::Kind::Count;
  return {{"rule", v.rule->text},
          {"protocol", protocol_name(v.model->protocol)},
          {"model", v.model->name},
          {"version", v.model->version},
          {"span", std::string(v.row->def->key)},
          {"statistic", v.rule->statistic.name()},
          {"base", v.base},
          {"new", v.now},
          {"change", v.change},
          {"unit", v.rule->percent ? "percent"
                   : count         ? "traces"
                                   : "us"},
          {"p_value", v.row->test ? Json(v.row->test->p_value) : Json(nullptr)},
          {"p_adjusted", v.row->p_adjusted ? Json(*v.row->p_adjusted) : Json(nullptr)}};
}

}  // namespace

void write_comparison_json(const Comparison& c, const std::vector<Violation>& broken, Output& out) {
  Json doc = {
      {"schema", "trace_summary-compare"},
      {"version", kCompareSchemaVersion},
      {"base", c.base_name},
      {"new", c.new_name},
      {"test",
       {{"name", "mann-whitney-u"}, {"alternative", "two-sided"}, {"alpha", c.options.alpha}, {"correction", "holm"}}},
      {"percentiles", c.options.percentiles}};
  Json models = Json::array();
  for (const ModelComparison& m : c.models) {
    Json rows = Json::array();
    for (const RowComparison& row : m.rows) rows.push_back(row_json(row, c.options));
    models.push_back({{"protocol", protocol_name(m.protocol)},
                      {"model", m.name},
                      {"version", m.version},
                      {"presence", presence_name(m.presence)},
                      {"base_traces", m.base_count},
                      {"new_traces", m.new_count},
                      {"spans", rows}});
  }
  doc["models"] = models;
  Json violations = Json::array();
  for (const Violation& v : broken) violations.push_back(violation_json(v));
  doc["broken_rules"] = violations;
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace trace_summary
