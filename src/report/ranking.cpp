#include "report/ranking.hpp"

#include <algorithm>
#include <set>

namespace trace_summary {
namespace {

// Whether a trace of `value` and `id` ranks before `b`.
bool ranks_before_trace(wide_int value, wide_int id, const RankedTrace& b) {
  if (value != b.value_ns) return value > b.value_ns;
  return id < b.trace.id;
}

// Orders the better-ranked trace first.
bool ranks_before(const RankedTrace& a, const RankedTrace& b) { return ranks_before_trace(a.value_ns, a.trace.id, b); }

}  // namespace

const SpanDef* RankKey::row(Protocol protocol, Compat compat) const {
  if (key_ != "request") return row_by_key(key_, protocol, compat);
  // The pass's first row, found without making the list of rows: this runs
  // once per trace when the slowest requests are ranked.
  return row_by_key(protocol == Protocol::Http ? "http_infer" : "grpc_infer", protocol, compat);
}

std::optional<wide_int> RankKey::value_ns(const TraceView& trace, Compat compat) const {
  const SpanDef* def = row(trace.protocol, compat);
  if (def == nullptr) return std::nullopt;
  return trace_row_value(*def, trace);
}

std::vector<RankedTrace> top_traces(const FileReport& report, std::size_t n, const RankKey& key) {
  std::vector<RankedTrace> heap;  // the best n so far; the worst of them at the front
  std::set<wide_int> in_heap;     // their ids: a trace both passes count is kept once
  if (n == 0) return heap;
  for (Protocol protocol : kProtocols) {
    report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) {
      const auto value = key.value_ns(t, report.compat());
      if (!value) return;
      const bool kept = in_heap.count(t.id) != 0;
      // Most traces rank below the worst kept one: no copy of them is made.
      if (!kept && heap.size() == n && !ranks_before_trace(*value, t.id, heap.front())) return;
      RankedTrace candidate{*value, t};
      if (kept) {
        auto same = std::find_if(heap.begin(), heap.end(), [&](const RankedTrace& r) { return r.trace.id == t.id; });
        if (ranks_before(candidate, *same)) *same = std::move(candidate);
        std::make_heap(heap.begin(), heap.end(), ranks_before);
        return;
      }
      if (heap.size() == n) {
        std::pop_heap(heap.begin(), heap.end(), ranks_before);
        in_heap.erase(heap.back().trace.id);
        heap.back() = std::move(candidate);
      } else {
        heap.push_back(std::move(candidate));
      }
      in_heap.insert(t.id);
      std::push_heap(heap.begin(), heap.end(), ranks_before);
    });
  }
  std::sort_heap(heap.begin(), heap.end(), ranks_before);
  return heap;
}

}  // namespace trace_summary
