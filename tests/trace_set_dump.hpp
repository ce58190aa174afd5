// A loaded trace set spelled out as text, for comparing two loads of the
// same file (one pass and in parts): the tests and the split fuzzer.
#pragma once

#include <sstream>
#include <string>

#include "load/loader.hpp"
#include "load/trace_set.hpp"

namespace trace_summary::testing {

// Everything a loaded set holds, with names and values spelled out (their
// interned ids may differ).
inline std::string dump(const TraceSet& set, const LoadNotes& notes) {
  std::ostringstream out;
  out << "notes " << notes.truncated << notes.empty_input << ' ' << notes.complete_records << ' '
      << notes.complete_bytes << " without id " << set.records_without_id << set.has_tensor_without_id << '\n';
  for (TraceId id : set.ids_at_the_cut) out << "cut " << wide_int_to_string(id) << '\n';
  for (std::size_t g = 0; g < set.group_ids.size(); ++g) {
    out << "group " << wide_int_to_string(set.group_ids[g]);
    if (set.group_own_bytes[g] != kNone) {
      std::size_t own = 0;
      const auto begin = set.records[set.records_by_group[set.group_begin[g]]].ts_begin;
      set.timestamps.decode(begin, std::uint64_t{begin} + set.group_own_bytes[g], begin,
                            [&own](NameId, std::int64_t) { ++own; });
      out << " own " << own;
    }
    out << '\n';
  }
  auto value = [&set](std::uint32_t v) { return v == kNone ? std::string("-") : set.values[v].text + "/" + std::to_string(int(set.values[v].kind)); };
  for (const Record& r : set.records) {
    out << "record " << wide_int_to_string(set.group_ids[r.group]);
    set.for_each_in_record(r, [&](NameId name, std::int64_t ns) { out << ' ' << set.names.info(name).text << '=' << ns; });
    if (const RecordAttrs* a = set.attrs_of(r)) {
      out << " | " << value(a->model_name) << ' ' << value(a->model_version) << " activity " << int(a->activity)
          << " ts " << a->has_timestamps;
      if (a->has_parent) out << " parent " << wide_int_to_string(set.parent_ids[a->parent]);
      if (a->has_tensor) {
        const TensorRecord& t = set.tensors[a->tensor];
        out << " tensor " << t.has_name << t.has_data << t.has_shape << t.has_dtype << ' ' << t.record_begin << '-'
            << t.record_end << ' ' << (t.source == kNone ? std::string("kept") : set.sources[t.source]->path());
      }
    }
    out << '\n';
  }
  return out.str();
}

}  // namespace trace_summary::testing
