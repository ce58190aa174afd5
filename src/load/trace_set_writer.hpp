// Appends records to a TraceSet from outside a trace file: what a record of
// a Triton 22.02+ trace file would be, one call per record. The OTLP mapping
// writes through it.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "load/trace_set.hpp"

namespace trace_summary {

class TraceSetWriter {
 public:
  /// Writes into `set`, which may already hold records (of other files).
  explicit TraceSetWriter(TraceSet& set);

  /// The records tritonserver 22.02+ writes for one model of a request:
  /// `{"id": id, "model_name": ..., "model_version": ..., "parent_id": ...}`
  /// then `{"id": id, "timestamps": [{"name": ..., "ns": ...}, ...]}` (when
  /// there are any). `model_name` and `model_version` are indices into
  /// TraceSet::values, or kNone when absent.
  void add_model(TraceId id, std::optional<TraceId> parent_id, std::uint32_t model_name, std::uint32_t model_version,
                 const std::vector<std::pair<NameId, std::int64_t>>& stamps);
  /// Records added so far by this writer.
  std::size_t records() const { return added_; }

 private:
  std::uint32_t group_for(TraceId id);
  std::uint32_t* slot_for(TraceId id);
  void push(std::uint32_t group, std::uint64_t ts_begin, RecordAttrs* attrs);
  void grow();

  TraceSet& set_;
  std::vector<std::uint32_t> slots_;  // open addressing: group index or kNone
  std::size_t added_ = 0;
};

}  // namespace trace_summary
