#include "load/trace_set_writer.hpp"

#include "base/errors.hpp"

namespace trace_summary {

TraceSetWriter::TraceSetWriter(TraceSet& set) : set_(set), slots_(256, kNone) {
  for (std::uint32_t g = 0; g < set.group_ids.size(); ++g) {
    if (slots_.size() < 2 * (std::size_t{g} + 1)) grow();
    *slot_for(set.group_ids[g]) = g;
  }
}

// The slot that holds `id`'s group, or the empty one where it belongs.
std::uint32_t* TraceSetWriter::slot_for(TraceId id) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = TraceIdHash{}(id) & mask;
  while (slots_[at] != kNone && set_.group_ids[slots_[at]] != id) at = (at + 1) & mask;
  return &slots_[at];
}

void TraceSetWriter::grow() {
  std::vector<std::uint32_t> old(slots_.size() * 2, kNone);
  old.swap(slots_);
  for (const std::uint32_t g : old) {
    if (g != kNone) *slot_for(set_.group_ids[g]) = g;
  }
}

std::uint32_t TraceSetWriter::group_for(TraceId id) {
  std::uint32_t* slot = slot_for(id);
  if (*slot != kNone) return *slot;
  if (set_.group_ids.size() >= kNone - 1) throw DataError("more trace ids than this tool can hold");
  const auto g = static_cast<std::uint32_t>(set_.group_ids.size());
  *slot = g;
  set_.group_ids.push_back(id);
  set_.group_own_bytes.push_back(kNone);
  if (set_.group_ids.size() * 2 > slots_.size()) grow();
  return g;
}

// Appends a record of `group` whose timestamps run from `ts_begin` to the
// end of the arena; `attrs` null: a plain timestamp record.
void TraceSetWriter::push(std::uint32_t group, std::uint64_t ts_begin, RecordAttrs* attrs) {
  if (set_.records.size() >= kNone - 1) throw DataError("more records than this tool can hold");
  Record r{group, static_cast<std::uint32_t>(ts_begin), static_cast<std::uint32_t>(set_.timestamps.size() - ts_begin), kNone};
  if (attrs != nullptr) {
    r.attrs = static_cast<std::uint32_t>(set_.attrs.size());
    set_.attrs.push_back(*attrs);
  }
  set_.records.push_back(r);
  set_.index_valid = false;
  ++added_;
}

void TraceSetWriter::add_model(TraceId id, std::optional<TraceId> parent_id, std::uint32_t model_name,
                               std::uint32_t model_version, const std::vector<std::pair<NameId, std::int64_t>>& stamps) {
  const std::uint32_t group = group_for(id);
  RecordAttrs attrs;
  attrs.model_name = model_name;
  attrs.model_version = model_version;
  if (parent_id) {
    attrs.has_parent = true;
    attrs.parent = static_cast<std::uint32_t>(set_.parent_ids.size());
    set_.parent_ids.push_back(*parent_id);
  }
  push(group, set_.timestamps.size(), &attrs);
  if (stamps.empty()) return;
  const std::uint64_t begin = set_.timestamps.size();
  if (begin + stamps.size() * 13 >= kNone - 32) throw DataError("more timestamps than this tool can hold");
  std::int64_t previous = 0;
  for (const auto& [name, ns] : stamps) {
    set_.timestamps.append(name, ns, previous);
    previous = ns;
  }
  push(group, begin, nullptr);
}

}  // namespace trace_summary
