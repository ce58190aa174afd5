// The trace file's SAX consumer: turns the events of a trace file's
// top-level array into records of a compact TraceSet as the parser streams
// through the file, and says where and why a file breaks the rules.
//
// Merging: a plain timestamp record (only `id` and `timestamps`) is appended
// to the previous plain record of the same id when no timestamps came in
// between. The summary cannot tell: membership is decided per id, the
// concatenation of the id's timestamps keeps its order, and plain records
// print nothing in Data Flow. When the id's first record (the one the script
// mutates) is extended, the boundary of its own timestamps is kept
// (TraceSet::group_own_bytes). Records holding 2019–20 lowercase names are
// never merged, since that script's algorithm treats each record as a trace.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/errors.hpp"
#include "io/input_source.hpp"
#include "load/trace_set.hpp"

namespace trace_summary::detail {

using json = nlohmann::json;

// Where the parser is. Skip: inside a value the summary does not use.
// Discard: inside an element --skip-invalid leaves out.
enum class State : std::uint8_t { Top, Array, Record, Timestamps, Timestamp, Tensor, Skip, Discard, Done };
enum class Field : std::uint8_t { Id, ParentId, ModelName, ModelVersion, Timestamps, Activity, Tensor, Other };
enum class TsField : std::uint8_t { Name, Ns, Other };
enum class TensorField : std::uint8_t { Name, Data, Shape, Dtype, Other };

// One JSON scalar as the parser reports it.
struct Scalar {
  enum class Kind : std::uint8_t { Null, Bool, Int, Uint, Float, String } kind = Kind::Null;
  bool b = false;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  std::string* s = nullptr;
  const std::string* raw = nullptr;  // the number's text, for floats

  bool is_integer() const { return kind == Kind::Int || kind == Kind::Uint; }
  // An integer literal too large for 64 bits (the parser reads it as a float).
  bool is_big_integer() const {
    return kind == Kind::Float && raw != nullptr && raw->find_first_of(".eE") == std::string::npos;
  }
  TraceId as_id() const { return kind == Kind::Int ? TraceId{i} : TraceId{u}; }
  PyScalar to_py() const;
  std::string describe() const;
};

// Trace id -> group index: open addressing over the group indices, so an id
// costs 8 bytes here instead of a hash node's 50.
class GroupIndex {
 public:
  // Indexes the groups `ids` already holds (a file appended to others).
  explicit GroupIndex(const std::vector<TraceId>& ids) : ids_(ids), slots_(1024, kNone) {
    for (std::uint32_t g = 0; g < ids.size(); ++g) {
      std::size_t slot = 0;
      find(ids[g], slot);
      insert(g, slot);
    }
  }

  // The group of `id`, or kNone; `slot` is where it belongs when absent.
  std::uint32_t find(TraceId id, std::size_t& slot) const {
    const std::size_t mask = slots_.size() - 1;
    for (slot = TraceIdHash{}(id) & mask;; slot = (slot + 1) & mask) {
      const std::uint32_t g = slots_[slot];
      if (g == kNone || ids_[g] == id) return g;
    }
  }
  // Records that group `g` (whose id is ids[g]) belongs at `slot`.
  void insert(std::uint32_t g, std::size_t slot) {
    slots_[slot] = g;
    if (++size_ * 2 > slots_.size()) grow();
  }

 private:
  void grow() {
    std::vector<std::uint32_t> old(slots_.size() * 2, kNone);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t g : old) {
      if (g == kNone) continue;
      std::size_t slot = TraceIdHash{}(ids_[g]) & mask;
      while (slots_[slot] != kNone) slot = (slot + 1) & mask;
      slots_[slot] = g;
    }
  }

  const std::vector<TraceId>& ids_;
  std::vector<std::uint32_t> slots_;
  std::size_t size_ = 0;
};

// The record being read.
struct PendingRecord {
  bool has_id = false;
  TraceId id = 0;
  RecordAttrs attrs;
  bool has_model_name = false, has_model_version = false, has_activity = false;
  TraceId parent_id = 0;         // when attrs.has_parent
  std::uint64_t ts_begin = 0;    // where its timestamps start in the arena
  std::int64_t encoded_after = 0;  // the ns its first timestamp was encoded as following
  std::uint32_t ts_count = 0;
  bool lowercase_names = false;  // holds a 2019–20 name or marker

  bool plain() const {
    return attrs.has_timestamps && !attrs.has_parent && !has_model_name && !has_model_version &&
           !has_activity && !attrs.has_tensor;
  }
};

/// "line L, column C: " of where `input` stands.
std::string printable_position(const InputSource& input);

class RecordReader {
 public:
  // Records of another file may already be in `set`: its ids are known, but
  // no record of this file merges into theirs.
  RecordReader(TraceSet& set, InputSource& input, SkipLog* skip)
      : set_(set),
        input_(input),
        skip_(skip),
        committed_ts_(set.timestamps.size()),
        group_of_(set.group_ids),
        group_first_record_(set.group_ids.size(), kNone - 1),
        group_last_plain_(set.group_ids.size(), kNone) {}

  const std::string& error() const { return error_; }
  bool finished() const { return state_ == State::Done; }
  /// The parser stopped at the end of the input while inside the top-level
  /// array: a file still being written.
  bool ended_inside_array() const { return parse_error_at_end_ && state_ != State::Top && state_ != State::Done; }
  /// The parser stopped at the end of an input that held no value at all.
  bool ended_before_any_value() const { return parse_error_at_end_ && state_ == State::Top; }
  /// The input ended just after a comma between two elements of the
  /// top-level array: where a part of a file read in parts may end.
  bool ended_at_split() const { return parse_error_at_end_ && after_separator_ && state_ == State::Array && depth_ == 1; }
  std::size_t complete_records() const { return complete_records_; }
  std::uint64_t complete_bytes() const { return complete_bytes_; }
  /// Takes in the records of `part` (see PartReader::append_part).
  void append_part(TraceSet& part, std::size_t part_complete_records, std::uint64_t part_complete_bytes);
  /// Forgets the record being read when the input ended inside it.
  void drop_partial_record() { set_.timestamps.truncate(committed_ts_); }
  /// The ids a cut at the end of the input may have left incomplete: the
  /// last complete record's and the cut record's.
  std::vector<TraceId> ids_at_the_cut() const {
    std::vector<TraceId> ids;
    if (last_group_ != kNone) ids.push_back(last_id_);
    if (rec_.has_id && state_ != State::Array) ids.push_back(rec_.id);
    return ids;
  }

  // nlohmann SAX interface.
  bool null() { return scalar({}); }
  bool boolean(bool v) { return scalar({Scalar::Kind::Bool, v}); }
  bool number_integer(json::number_integer_t v) { return scalar({Scalar::Kind::Int, false, v}); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar({Scalar::Kind::Uint, false, 0, v}); }
  bool number_float(json::number_float_t v, const std::string& raw) {
    return scalar({Scalar::Kind::Float, false, 0, 0, v, nullptr, &raw});
  }
  bool string(std::string& v) { return scalar({Scalar::Kind::String, false, 0, 0, 0, &v}); }
  bool binary(json::binary_t&) { return fail("unexpected binary value"); }
  bool start_object(std::size_t) { return start_container(true); }
  bool start_array(std::size_t) { return start_container(false); }
  bool end_object() { return end_container(); }
  bool end_array() { return end_container(); }
  bool key(std::string& k);
  bool parse_error(std::size_t, const std::string& token, const nlohmann::detail::exception& ex) {
    return syntax_error(ex.id, token, ex.what());
  }
  /// A syntax error, as nlohmann words it (`id`, the token, its text).
  bool syntax_error(int id, const std::string& token, std::string text);

  // The timestamp record tritonserver writes,
  // {"id":ID,"timestamps":[{"name":NAME,"ns":NS}]}, taken whole instead of
  // as its 13 events (the fast path's common case). First
  // direct_stamp_name(): NAME's id when the events could not take another
  // way than the common one (the record is an element of the array, its ns
  // fits in int64, no table is full); std::nullopt, having changed nothing,
  // when they could, and the caller sends the events. Then stamp_record(),
  // with the input already past the record that began at `element_offset`:
  // exactly what the events would have done.
  std::optional<NameId> direct_stamp_name(std::string_view name, bool ns_fits);
  bool stamp_record(std::uint64_t id, NameId name, std::int64_t ns, std::uint64_t element_offset);

 private:
  bool scalar(const Scalar& v);
  bool record_scalar(const Scalar& v);
  bool timestamp_scalar(const Scalar& v);
  bool tensor_scalar(const Scalar& v);
  bool start_container(bool object);
  bool element_container(bool object);
  bool record_container(bool object);
  bool end_container();
  void skip_from(State resume) {
    resume_ = resume;
    state_ = State::Skip;
    skip_depth_ = 1;
  }
  void begin_record();
  bool begin_timestamps();
  bool end_timestamp();
  bool commit_record();
  void take_attrs(TraceSet& part, const RecordAttrs& attrs, std::vector<std::uint32_t>& values);
  std::uint64_t copy_timestamps(const TraceSet& part, const Record& r, const std::vector<NameId>& names, std::uint32_t own);
  bool extend_last_plain(std::uint32_t group);
  bool likely_continuation(TraceId id);
  // This file's index in TraceSet::sources, added on first use.
  std::uint32_t source_index() {
    if (source_ == kNone) {
      source_ = static_cast<std::uint32_t>(set_.sources.size());
      set_.sources.push_back(input_.file());
    }
    return source_;
  }
  void mark_complete();
  std::uint32_t group_for(TraceId id);
  bool fail(const std::string& what);
  bool reject(std::string_view kind, const std::string& what);
  std::string record_label() const { return "record " + std::to_string(record_count_); }
  std::string timestamp_label() const { return record_label() + ": timestamps[" + std::to_string(ts_index_) + "]"; }

  TraceSet& set_;
  InputSource& input_;
  SkipLog* skip_;
  State state_ = State::Top;
  State resume_ = State::Top;
  std::size_t depth_ = 0;       // open containers
  std::size_t skip_depth_ = 0;  // open containers of a skipped value
  Field field_ = Field::Other;
  TsField ts_field_ = TsField::Other;
  TensorField tensor_field_ = TensorField::Other;
  PendingRecord rec_;
  TensorRecord tensor_;            // the current record's tensor, when it has one
  std::uint64_t record_offset_ = 0;  // where the current element starts in the input
  std::uint32_t source_ = kNone;     // see source_index()
  std::size_t record_count_ = 0;   // elements started so far (1-based label of the current one)
  std::size_t ts_index_ = 0;       // index of the timestamp being read in the current record
  std::uint64_t committed_ts_ = 0;  // timestamp bytes that belong to complete records
  std::int64_t record_last_ns_ = 0;      // the last timestamp of the record being read
  std::int64_t committed_last_ns_ = 0;   // the last timestamp of the last complete record that had one
  std::int64_t previous_last_ns_ = 0;    // committed_last_ns_ before the record being committed
  bool ts_has_name_ = false, ts_has_ns_ = false;
  NameId ts_name_ = 0;
  std::int64_t ts_ns_ = 0;
  bool parse_error_at_end_ = false;
  bool after_separator_ = false;  // the parse error: the input ended where an element was expected
  std::size_t complete_records_ = 0;  // elements of the top-level array read whole
  std::uint64_t complete_bytes_ = 0;  // input offset just past the last of them (or the `[`)
  std::string error_;
  GroupIndex group_of_;
  TraceId last_id_ = 0;
  std::uint32_t last_group_ = kNone;
  // Per group: its first record (kNone: none yet; kNone - 1: in an earlier
  // file), and a plain record that later plain ones may extend.
  std::vector<std::uint32_t> group_first_record_;
  std::vector<std::uint32_t> group_last_plain_;
};

}  // namespace trace_summary::detail
