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

void TopTraces::offer(const TraceView& t) {
  if (n_ == 0) return;
  const auto value = key_.value_ns(t, compat_);
  if (!value) return;
  const bool kept = in_heap_.count(t.id) != 0;
  // Most traces rank below the worst kept one: no copy of them is made.
  if (!kept && heap_.size() == n_ && !ranks_before_trace(*value, t.id, heap_.front())) return;
  RankedTrace candidate{*value, t};
  if (kept) {
    auto same = std::find_if(heap_.begin(), heap_.end(), [&](const RankedTrace& r) { return r.trace.id == t.id; });
    if (ranks_before(candidate, *same)) *same = std::move(candidate);
    std::make_heap(heap_.begin(), heap_.end(), ranks_before);
    return;
  }
  if (heap_.size() == n_) {
    std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
    in_heap_.erase(heap_.back().trace.id);
    heap_.back() = std::move(candidate);
  } else {
    heap_.push_back(std::move(candidate));
  }
  in_heap_.insert(t.id);
  std::push_heap(heap_.begin(), heap_.end(), ranks_before);
}

std::vector<RankedTrace> TopTraces::take() {
  std::sort_heap(heap_.begin(), heap_.end(), ranks_before);
  in_heap_.clear();
  std::vector<RankedTrace> ranked = std::move(heap_);
  heap_.clear();
  return ranked;
}

std::vector<RankedTrace> top_traces(const FileReport& report, std::size_t n, const RankKey& key) {
  TopTraces top(n, key, report.compat());
  if (n == 0) return top.take();
  for (Protocol protocol : kProtocols) {
    report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) { top.offer(t); });
  }
  return top.take();
}

}  // namespace trace_summary
