#include "load/trace_set.hpp"

#include <algorithm>
#include <numeric>

namespace trace_summary {

std::uint32_t ValueTable::intern(PyScalar value) {
  std::string key(1, static_cast<char>(value.kind));
  key += value.text;
  if (auto it = index_.find(key); it != index_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(values_.size());
  values_.push_back(std::move(value));
  index_.emplace(std::move(key), index);
  return index;
}

void TraceSet::index_by_id() {
  const auto groups = static_cast<std::uint32_t>(group_ids.size());
  groups_by_id.resize(groups);
  std::iota(groups_by_id.begin(), groups_by_id.end(), 0u);
  std::sort(groups_by_id.begin(), groups_by_id.end(),
            [this](std::uint32_t a, std::uint32_t b) { return group_ids[a] < group_ids[b]; });

  group_begin.assign(static_cast<std::size_t>(groups) + 1, 0);
  for (const Record& r : records) ++group_begin[r.group + 1];
  std::partial_sum(group_begin.begin(), group_begin.end(), group_begin.begin());
  records_by_group.resize(records.size());
  std::vector<std::uint32_t> next(group_begin.begin(), group_begin.end() - 1);
  for (std::uint32_t i = 0; i < records.size(); ++i) records_by_group[next[records[i].group]++] = i;
  index_valid = true;
}

Naming TraceSet::naming() const {
  bool lowercase = false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const NameInfo& info = names.info(static_cast<NameId>(i));
    if (info.stamp[static_cast<std::size_t>(Naming::Canonical)]) return Naming::Canonical;
    if (info.stamp[static_cast<std::size_t>(Naming::Lowercase)]) lowercase = true;
  }
  return lowercase ? Naming::Lowercase : Naming::Canonical;
}

}  // namespace trace_summary
