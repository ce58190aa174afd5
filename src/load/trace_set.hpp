// The compact form of one trace file: what the loader produces and the
// pairing engine reads. No JSON objects are kept: names are interned, model
// names and versions are interned scalars, timestamps are (name id, ns) pairs
// in two flat arrays, and each record is a few integers.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pycompat/py_number.hpp"
#include "pycompat/py_value.hpp"
#include "base/stamp_names.hpp"
#include "io/input_source.hpp"
#include "load/timestamp_arena.hpp"

namespace trace_summary {

/// A trace id or parent id: any JSON integer from -2^63 to 2^64-1.
using TraceId = wide_int;

/// Hash of a TraceId, for unordered containers and the loader's open
/// addressing (which takes the low bits): every bit of the id moves every
/// bit of the hash, so ids that differ only in their high bits (`k << 32`)
/// do not collide. std::hash of an integer is the identity.
struct TraceIdHash {
  static std::uint64_t mix(std::uint64_t x) {  // MurmurHash3's finaliser
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    return x ^ (x >> 33);
  }
  std::size_t operator()(TraceId id) const {
    const auto v = static_cast<wide_uint>(id);
    const auto lo = static_cast<std::uint64_t>(v);
    const auto hi = static_cast<std::uint64_t>(v >> 64);
    return static_cast<std::size_t>(mix(lo ^ mix(hi)));
  }
};

/// Marks an absent index.
inline constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

/// The `activity` of a TENSORS-level record.
enum class Activity : std::uint8_t { None, TensorQueueInput, TensorBackendInput, TensorBackendOutput, Other };

/// The strings of a record's `tensor` object.
struct TensorFields {
  std::string name, data, shape, dtype;
};

/// A record's `tensor` object. Of a file that can be read again only where
/// its record lies is kept, and its fields are read again when Data Flow
/// prints them (see tensor_reader.hpp), so memory grows with the number of
/// traces, not with the size of their tensors; of other input (standard
/// input, gzip) the fields themselves.
struct TensorRecord {
  std::unique_ptr<TensorFields> fields;  ///< kept fields, or null when left in the file
  std::uint32_t source = kNone;          ///< when left in the file: index into TraceSet::sources
  std::uint64_t record_begin = 0, record_end = 0;  ///< the record's bytes in that file
  bool has_name = false, has_data = false, has_shape = false, has_dtype = false;
};

/// What a record holds besides its id and timestamps. Plain timestamp records
/// (most of a Triton 22.02+ file) have none and cost nothing here.
struct RecordAttrs {
  std::uint32_t parent = kNone;         ///< index into TraceSet::parent_ids
  std::uint32_t model_name = kNone;     ///< index into TraceSet::values
  std::uint32_t model_version = kNone;  ///< index into TraceSet::values
  std::uint32_t tensor = kNone;         ///< index into TraceSet::tensors
  Activity activity = Activity::None;
  bool has_parent = false;
  bool has_timestamps = false;
  bool has_tensor = false;
};

/// One record of the file (an element of the top-level array that has an id).
/// Plain timestamp records of the same id that follow each other may be
/// merged into one: the summary cannot tell the difference (see loader.cpp).
struct Record {
  std::uint32_t group = 0;     ///< index into TraceSet::group_ids
  std::uint32_t ts_begin = 0;  ///< its timestamps: bytes [ts_begin, ts_begin + ts_size) of TraceSet::timestamps
  std::uint32_t ts_size = 0;
  std::uint32_t attrs = kNone;  ///< index into TraceSet::attrs; kNone: plain timestamp record
};

/// Interned scalars (model names and versions).
class ValueTable {
 public:
  std::uint32_t intern(PyScalar value);
  const PyScalar& operator[](std::uint32_t index) const { return values_[index]; }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<PyScalar> values_;
  std::unordered_map<std::string, std::uint32_t> index_;
};

/// A whole trace file in compact form.
struct TraceSet {
  NameTable names;
  ValueTable values;
  std::vector<TraceId> group_ids;  ///< one per distinct id, first-seen order
  std::vector<Record> records;     ///< file order
  std::vector<RecordAttrs> attrs;
  std::vector<TraceId> parent_ids;  ///< the parent_id of each record that has one
  std::vector<TensorRecord> tensors;
  /// Files whose tensor data is read again when printed, through the
  /// descriptor they were loaded from.
  std::vector<std::shared_ptr<const OpenFile>> sources;
  TimestampArena timestamps;       ///< every record's timestamps, packed
  /// Per group: when later plain records were merged into the id's first
  /// record, how many of its bytes are its own; else kNone.
  std::vector<std::uint32_t> group_own_bytes;
  std::size_t records_without_id = 0;
  bool has_tensor_without_id = false;  ///< a TENSOR_* record lacks an id
  bool truncated = false;       ///< the input ended inside the top-level array
  std::vector<TraceId> ids_at_the_cut;  ///< when truncated: ids whose records the cut may have left incomplete
  bool empty_input = false;     ///< the input held nothing but white space
  std::size_t complete_records = 0;   ///< elements of the top-level array read whole
  std::uint64_t complete_bytes = 0;   ///< input offset just past the last of them (or the `[`)

  // Filled by index_by_id(): the records ordered by id, stably.
  std::vector<std::uint32_t> groups_by_id;   ///< group indices sorted by id
  std::vector<std::uint32_t> group_begin;    ///< per group: start in records_by_group; one extra at the end
  std::vector<std::uint32_t> records_by_group;  ///< record indices, each group's in file order

  /// Builds the by-id index. Call after the last record is added.
  void index_by_id();
  bool index_valid = false;  ///< index_by_id() ran since the last record was added

  /// The records of group `g`, in file order.
  const std::uint32_t* group_records_begin(std::uint32_t g) const { return &records_by_group[group_begin[g]]; }
  const std::uint32_t* group_records_end(std::uint32_t g) const { return &records_by_group[group_begin[g + 1]]; }

  /// Calls `fn(name, ns)` for each timestamp of `r`, in order.
  template <typename Fn>
  void for_each_in_record(const Record& r, Fn&& fn) const {
    timestamps.decode(r.ts_begin, std::uint64_t{r.ts_begin} + r.ts_size, r.ts_begin, fn);
  }

  const RecordAttrs* attrs_of(const Record& r) const { return r.attrs == kNone ? nullptr : &attrs[r.attrs]; }
  bool has_timestamps(const Record& r) const { return r.attrs == kNone || attrs[r.attrs].has_timestamps; }

  /// The file's naming: lowercase when it uses the 2019–20 names and none of
  /// the current ones.
  Naming naming() const;
};

}  // namespace trace_summary
