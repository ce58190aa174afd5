#include "render/trace_listing.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace trace_summary {

void render_trace_listing(const TraceSet& set, const FileSummary& summary, const CountedTrace& trace, Output& out) {
  const TraceModel model = trace_model(set, trace);
  out << set.values[model.name].text << " (" << set.values[model.version].text << "):\n";
  out << "\tid: " << wide_int_to_string(set.group_ids[trace_group(set, trace)]) << '\n';
  const RecordAttrs* anchor = set.attrs_of(set.records[trace.anchor]);
  if (anchor != nullptr && anchor->has_parent) {
    out << "\tparent id: " << wide_int_to_string(set.parent_ids[anchor->parent]) << '\n';
  }

  const bool skip_waitread = summary.compat == Compat::Current && summary.naming == Naming::Canonical;
  std::vector<std::pair<std::int64_t, NameId>> stamps;
  for_each_timestamp(set, trace, [&](NameId name, std::int64_t ns) {
    if (!(skip_waitread && set.names.info(name).grpc_waitread_prefix)) stamps.emplace_back(ns, name);
  });
  std::stable_sort(stamps.begin(), stamps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  for (std::size_t i = 0; i < stamps.size(); ++i) {
    if (i > 0) {
      // Sorted, so the difference is never negative; it fits in 64 bits.
      const std::uint64_t delta = static_cast<std::uint64_t>(stamps[i].first) - static_cast<std::uint64_t>(stamps[i - 1].first);
      out << "\t\t" << py_micros_repr(delta) << "us\n";
    }
    out << '\t' << set.names.info(stamps[i].second).text << '\n';
  }
}

}  // namespace trace_summary
