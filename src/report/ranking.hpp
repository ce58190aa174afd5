// What --top and --timeline rank traces by, and the N slowest counted
// traces of a report, found in one pass of its trace cursor with memory for
// N traces only.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "report/report_model.hpp"

namespace trace_summary {

/// A --sort key: `request` (the infer request of the trace's protocol) or a
/// catalogue key such as `queue` or `compute_infer`.
class RankKey {
 public:
  RankKey() : key_("request") {}
  explicit RankKey(std::string key) : key_(std::move(key)) {}
  const std::string& name() const { return key_; }
  /// The catalogue row it means for a trace of `protocol`, or nullptr.
  const SpanDef* row(Protocol protocol, Compat compat) const;
  /// The trace's value in ns, or nullopt when it lacks the row's spans.
  std::optional<wide_int> value_ns(const TraceView& trace, Compat compat) const;

 private:
  std::string key_;
};

struct RankedTrace {
  wide_int value_ns = 0;
  TraceView trace;  ///< its views point into the report, which must outlive it
};

/// The `n` counted traces of both passes with the largest values, largest
/// first (equal values: the smaller id first); a trace both passes count is
/// ranked once.
std::vector<RankedTrace> top_traces(const FileReport& report, std::size_t n, const RankKey& key);

/// top_traces() of the traces offered one by one, for a pass of the cursor
/// that serves other purposes too.
class TopTraces {
 public:
  TopTraces(std::size_t n, RankKey key, Compat compat) : n_(n), key_(std::move(key)), compat_(compat) {}
  void offer(const TraceView& t);
  /// The ranking, largest first; the collector is left empty.
  std::vector<RankedTrace> take();

 private:
  std::size_t n_;
  RankKey key_;
  Compat compat_;
  std::vector<RankedTrace> heap_;  // the best n so far; the worst of them at the front
  std::set<wide_int> in_heap_;     // their ids: a trace both passes count is kept once
};

}  // namespace trace_summary
