#include "engine/trace_view.hpp"

#include <algorithm>

namespace trace_summary {

void fill_trace_view(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace,
                     TraceDetail detail, TraceView& view) {
  view.protocol = protocol;
  view.model = trace.model;
  view.id = set.group_ids[trace_group(set, trace)];
  const RecordAttrs* anchor = set.attrs_of(set.records[trace.anchor]);
  view.parent_id.reset();
  if (anchor != nullptr && anchor->has_parent) view.parent_id = set.parent_ids[anchor->parent];
  const TraceModel model = trace_model(set, trace);
  view.model_name = set.values[model.name].text;
  view.model_version = set.values[model.version].text;
  TraceTimes times = trace_times(set, summary, protocol, trace);
  view.spans = times.spans;
  view.stream = std::move(times.stream);
  view.stamps.clear();
  if (detail == TraceDetail::WithoutStamps) return;
  // The current script leaves GRPC_WAITREAD* out of its listing.
  const bool hide_waitread = summary.compat == Compat::Current && summary.naming == Naming::Canonical;
  for_each_timestamp(set, trace, [&](NameId name, std::int64_t ns) {
    const NameInfo& info = set.names.info(name);
    view.stamps.push_back({info.text, ns, !(hide_waitread && info.grpc_waitread_prefix)});
  });
  std::stable_sort(view.stamps.begin(), view.stamps.end(),
                   [](const TraceStamp& a, const TraceStamp& b) { return a.ns < b.ns; });
}

}  // namespace trace_summary
