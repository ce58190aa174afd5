// Ensembles and BLS as a tree of models: which model's requests ran which
// models, how often, and what share of the calling model's time each
// called model took. Found in one pass of the report's trace cursor, with
// memory for one entry per counted trace.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "report/report_model.hpp"

namespace trace_summary {

/// A model of one pass, by its index in the pass.
struct ModelNode {
  Protocol protocol = Protocol::Http;
  std::uint32_t model = 0;
  bool operator==(const ModelNode& o) const { return protocol == o.protocol && model == o.model; }
  bool operator<(const ModelNode& o) const { return protocol != o.protocol ? protocol < o.protocol : model < o.model; }
};

/// A trace's time: the first of `rows` (its pass's catalogue rows) that it
/// has (the request, or the handler for a model inside an ensemble), in ns.
std::optional<wide_int> own_time_ns(const TraceView& trace, const std::vector<const SpanDef*>& rows);

/// Requests of `parent` that ran `child`.
struct ModelEdge {
  ModelNode parent, child;
  std::uint64_t calls = 0;       ///< child traces whose parent is a counted trace of `parent`
  wide_int child_ns = 0;         ///< their time, summed
  wide_int parent_total_ns = 0;  ///< the time of all counted traces of `parent`, summed
  /// child_ns over parent_total_ns, in percent (0 when the parent took no time).
  double share_percent() const;
};

/// The models' tree (a graph when an ensemble runs a model of its own name).
struct ModelTree {
  std::vector<ModelEdge> edges;  ///< every (parent, child) pair, in id order of its first call
  std::vector<ModelNode> roots;  ///< parents of an edge with requests that no counted trace ran
};

/// Empty when no counted trace has a counted parent (without a pass of the
/// cursor when no trace names a parent).
ModelTree model_tree(const FileReport& report);

/// model_tree() of the traces offered one by one (both passes', in the
/// cursor's order), for a pass of the cursor that serves other purposes too.
class ModelTreeBuilder {
 public:
  explicit ModelTreeBuilder(Compat compat);
  void offer(const TraceView& t);
  ModelTree take();

 private:
  struct TraceEntry {
    wide_int id = 0;
    ModelNode node;
    wide_int time_ns = 0;
    std::optional<wide_int> parent_id;
  };
  std::array<std::vector<const SpanDef*>, 2> rows_;  // per protocol
  std::vector<TraceEntry> traces_;                   // 48 bytes a trace
  std::map<ModelNode, wide_int> totals_;
};

}  // namespace trace_summary
