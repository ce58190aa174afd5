#include "report/model_tree.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace trace_summary {
std::optional<wide_int> own_time_ns(const TraceView& trace, const std::vector<const SpanDef*>& rows) {
  for (const SpanDef* row : rows) {
    if (auto v = row_value_ns(*row, trace.spans)) return v;
  }
  return std::nullopt;
}

double ModelEdge::share_percent() const {
  if (parent_total_ns == 0) return 0;
  return static_cast<double>(child_ns) * 100 / static_cast<double>(parent_total_ns);
}

ModelTree model_tree(const FileReport& report) {
  if (!report.may_have_children()) return {};
  ModelTreeBuilder builder(report.compat());
  for (Protocol protocol : kProtocols) {
    report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) { builder.offer(t); });
  }
  return builder.take();
}

ModelTreeBuilder::ModelTreeBuilder(Compat compat)
    : rows_{catalogue_rows(Protocol::Http, compat), catalogue_rows(Protocol::Grpc, compat)} {}

void ModelTreeBuilder::offer(const TraceView& t) {
  const auto& rows = rows_[static_cast<std::size_t>(t.protocol)];
  traces_.push_back({t.id, {t.protocol, t.model}, own_time_ns(t, rows).value_or(0), t.parent_id});
  totals_[traces_.back().node] += traces_.back().time_ns;
}

ModelTree ModelTreeBuilder::take() {
  ModelTree tree;
  std::vector<TraceEntry> traces = std::move(traces_);
  std::map<ModelNode, wide_int> totals = std::move(totals_);
  traces_.clear();
  totals_.clear();
  // A trace both passes count is taken once, as its first pass has it.
  std::stable_sort(traces.begin(), traces.end(), [](const TraceEntry& a, const TraceEntry& b) { return a.id < b.id; });
  traces.erase(
      std::unique(traces.begin(), traces.end(), [](const TraceEntry& a, const TraceEntry& b) { return a.id == b.id; }),
      traces.end());
  auto find = [&](wide_int id) {
    const auto at =
        std::lower_bound(traces.begin(), traces.end(), id, [](const TraceEntry& e, wide_int v) { return e.id < v; });
    return at != traces.end() && at->id == id ? at : traces.end();
  };
  std::map<std::pair<ModelNode, ModelNode>, std::size_t> index;
  std::set<ModelNode> root_models, parents;
  for (const TraceEntry& child : traces) {
    const auto parent = child.parent_id ? find(*child.parent_id) : traces.end();
    if (parent == traces.end()) {
      root_models.insert(child.node);
      continue;
    }
    const auto key = std::make_pair(parent->node, child.node);
    auto [at, added] = index.emplace(key, tree.edges.size());
    if (added) tree.edges.push_back({key.first, key.second, 0, 0, totals[key.first]});
    ModelEdge& edge = tree.edges[at->second];
    ++edge.calls;
    edge.child_ns += child.time_ns;
    parents.insert(key.first);
  }
  for (const ModelEdge& edge : tree.edges) {
    if (root_models.count(edge.parent) != 0 && parents.erase(edge.parent) != 0) tree.roots.push_back(edge.parent);
  }
  if (tree.edges.empty()) tree.roots.clear();
  return tree;
}

}  // namespace trace_summary
