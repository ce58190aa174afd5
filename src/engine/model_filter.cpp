#include "engine/model_filter.hpp"

#include <algorithm>
#include <unordered_map>

#include "base/errors.hpp"

namespace trace_summary {
namespace {

// The parent id's group of a trace, or kNone.
std::uint32_t parent_group(const TraceSet& set, const CountedTrace& trace) {
  const RecordAttrs* anchor = set.attrs_of(set.records[trace.anchor]);
  if (anchor == nullptr || !anchor->has_parent) return kNone;
  return find_group(set, set.parent_ids[anchor->parent]);
}

void filter_pass(const TraceSet& set, const FileSummary& summary, PassSummary& pass,
                 const std::vector<std::string>& names) {
  // Whether each counted trace's group is kept; parents are decided first
  // when their ids are smaller, else looked up through the chain.
  std::unordered_map<std::uint32_t, const CountedTrace*> by_group;
  for (const CountedTrace& t : pass.traces) by_group[trace_group(set, t)] = &t;
  std::unordered_map<std::uint32_t, bool> kept;
  auto selected = [&](const CountedTrace& t) {
    const std::string& name = set.values[trace_model(set, t).name].text;
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  auto is_kept = [&](const CountedTrace& start) {
    std::vector<std::uint32_t> chain;
    const CountedTrace* t = &start;
    bool result = false;
    while (t != nullptr) {
      const std::uint32_t g = trace_group(set, *t);
      if (auto k = kept.find(g); k != kept.end()) {
        result = k->second;
        break;
      }
      chain.push_back(g);
      if (selected(*t)) {
        result = true;
        break;
      }
      const std::uint32_t pg = parent_group(set, *t);
      auto parent = by_group.find(pg);
      // A cycle of parent ids keeps nothing more.
      if (pg == kNone || parent == by_group.end() || std::find(chain.begin(), chain.end(), pg) != chain.end()) break;
      t = parent->second;
    }
    for (std::uint32_t g : chain) kept[g] = result;
    return result;
  };
  PassSummary filtered;
  filtered.protocol = pass.protocol;
  std::unordered_map<std::uint32_t, std::uint32_t> new_model;  // old model index -> new
  for (CountedTrace trace : pass.traces) {
    if (!is_kept(trace)) continue;
    auto [it, added] = new_model.try_emplace(trace.model, static_cast<std::uint32_t>(filtered.models.size()));
    if (added) {
      ModelStats stats;
      stats.model_name = pass.models[trace.model].model_name;
      stats.model_version = pass.models[trace.model].model_version;
      filtered.models.push_back(stats);
    }
    trace.model = it->second;
    ModelStats& stats = filtered.models[trace.model];
    ++stats.count;
    const SpanTimes spans = trace_spans(set, summary, pass.protocol, trace);
    for (std::size_t s = 0; s < kSpanCount; ++s) {
      if (!spans[s]) continue;
      stats.sum[s] += spans[s]->duration_ns();
      stats.has[s] = true;
    }
    note_span_starts(filtered, spans);
    filtered.traces.push_back(trace);
  }
  pass = std::move(filtered);
}

}  // namespace

std::vector<std::string> counted_model_names(const TraceSet& set, const FileSummary& summary) {
  std::vector<std::string> names;
  for (const PassSummary* pass : {&summary.http, &summary.grpc}) {
    for (const ModelStats& m : pass->models) {
      const std::string& name = set.values[m.model_name].text;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

std::vector<std::string> split_model_names(const TraceSet& set, const FileSummary& summary,
                                           const std::vector<std::string>& values) {
  const std::vector<std::string> known = counted_model_names(set, summary);
  std::vector<std::string> names;
  for (const std::string& value : values) {
    if (std::find(known.begin(), known.end(), value) != known.end()) {
      names.push_back(value);
      continue;
    }
    std::size_t start = 0;
    for (std::size_t comma = value.find(','); ; comma = value.find(',', start)) {
      names.push_back(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return names;
}

void keep_models(const TraceSet& set, FileSummary& summary, const std::vector<std::string>& names) {
  const std::vector<std::string> known = counted_model_names(set, summary);
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + printable(k);
    throw DataError("--model " + printable(name) + ": no counted trace has this model" +
                    (known.empty() ? std::string(" (no trace was counted)") : "; the models are: " + list));
  }
  filter_pass(set, summary, summary.http, names);
  filter_pass(set, summary, summary.grpc, names);
}

}  // namespace trace_summary
