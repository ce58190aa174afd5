#include "load/record_reader.hpp"

#include <algorithm>

namespace trace_summary::detail {
namespace {

// Dispatches on the length first: this runs for every key of the file.
Field classify_field(std::string_view key) {
  switch (key.size()) {
    case 2: return key == "id" ? Field::Id : Field::Other;
    case 6: return key == "tensor" ? Field::Tensor : Field::Other;
    case 8: return key == "activity" ? Field::Activity : Field::Other;
    case 9: return key == "parent_id" ? Field::ParentId : Field::Other;
    case 10:
      if (key == "timestamps") return Field::Timestamps;
      return key == "model_name" ? Field::ModelName : Field::Other;
    case 13: return key == "model_version" ? Field::ModelVersion : Field::Other;
    default: return Field::Other;
  }
}

TsField classify_ts_field(std::string_view key) {
  if (key.size() == 2 && key[0] == 'n' && key[1] == 's') return TsField::Ns;
  if (key.size() == 4 && key == "name") return TsField::Name;
  return TsField::Other;
}

TensorField classify_tensor_field(std::string_view key) {
  if (key == "name") return TensorField::Name;
  if (key == "data") return TensorField::Data;
  if (key == "shape") return TensorField::Shape;
  if (key == "dtype") return TensorField::Dtype;
  return TensorField::Other;
}

Activity classify_activity(std::string_view text) {
  if (text == "TENSOR_QUEUE_INPUT") return Activity::TensorQueueInput;
  if (text == "TENSOR_BACKEND_INPUT") return Activity::TensorBackendInput;
  if (text == "TENSOR_BACKEND_OUTPUT") return Activity::TensorBackendOutput;
  return Activity::Other;
}

// Short, single-line rendering of a value for an error message: cut at a
// character boundary, quotes and backslashes escaped, the rest printable().
std::string quote_for_message(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::size_t cut = std::min(text.size(), kMax);
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string escaped;
  for (const char c : text.substr(0, cut)) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return "\"" + printable(escaped) + (cut < text.size() ? "...\"" : "\"");
}

}  // namespace

PyScalar Scalar::to_py() const {
  switch (kind) {
    case Kind::Null: return PyScalar::null();
    case Kind::Bool: return PyScalar::boolean(b);
    case Kind::Int: return PyScalar::integer_text(std::to_string(i));
    case Kind::Uint: return PyScalar::integer_text(std::to_string(u));
    case Kind::Float: return PyScalar::floating(d);
    case Kind::String: break;
  }
  return PyScalar::string(*s);
}


std::string Scalar::describe() const {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return b ? "true" : "false";
    case Kind::Int: return std::to_string(i);
    case Kind::Uint: return std::to_string(u);
    case Kind::Float: return is_big_integer() ? *raw : py_float_repr(d);
    case Kind::String: break;
  }
  return "the string " + quote_for_message(*s);
}

std::string printable_position(const InputSource& input) {
  const InputPosition p = input.position();
  return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ": ";
}

bool RecordReader::fail(const std::string& what) {
  error_ = printable_position(input_) + what;
  return false;
}

// A problem confined to one element of the array: stops the file, or with
// --skip-invalid leaves the element out and reads on.
bool RecordReader::reject(std::string_view kind, const std::string& what) {
  if (skip_ == nullptr) return fail(what);
  std::string place = record_label();
  if (rec_.has_id) place += " (id " + wide_int_to_string(rec_.id) + ")";
  skip_->add(kind, std::move(place));
  if (depth_ > 1) {
    state_ = State::Discard;
  } else {
    mark_complete();
  }
  return true;
}

bool RecordReader::syntax_error(int id, const std::string& token, std::string text) {
  constexpr int kNumberOverflow = 406;  // nlohmann refuses a float beyond a double's range
  if (id == kNumberOverflow) {
    return fail("the number " + printable(token) + " is beyond the range of a double (Python reads it as inf; this tool cannot)");
  }
  // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 2: <what>".
  const std::string marker = "parse error at ";
  if (auto at = text.find(marker); at != std::string::npos) text = text.substr(at + marker.size());
  // A file cut short ends in the middle of a token ("invalid ...") or
  // between tokens ("unexpected end of input"); a complete but wrong token
  // at the very end ("unexpected ']'") is a real syntax error.
  const bool ended = text.find("unexpected end of input") != std::string::npos;
  after_separator_ = text.find("unexpected end of input; expected '[', '{', or a literal") != std::string::npos;
  parse_error_at_end_ = input_.at_end() && (ended || text.find(" - invalid ") != std::string::npos);
  if (!input_.at_end() && ended) {
    // nlohmann takes a NUL byte for the end of the input.
    return fail("unexpected NUL byte: this looks like a binary file, not a JSON trace file");
  }
  if (state_ == State::Top) {
    const auto colon = text.find(": ");
    if (colon != std::string::npos) text.insert(colon + 2, "not a JSON trace file: ");
  }
  error_ = printable(text);
  return false;
}

bool RecordReader::key(std::string& k) {
  switch (state_) {
    case State::Record: field_ = classify_field(k); break;
    case State::Timestamp: ts_field_ = classify_ts_field(k); break;
    case State::Tensor: tensor_field_ = classify_tensor_field(k); break;
    default: break;
  }
  return true;
}

bool RecordReader::scalar(const Scalar& v) {
  switch (state_) {
    case State::Top:
      return fail("the file holds " + v.describe() + ", not a JSON array of trace records");
    case State::Array:
      ++record_count_;
      rec_ = PendingRecord{};
      return reject("array elements that are not objects", record_label() + " is " + v.describe() + ", not an object");
    case State::Record: return record_scalar(v);
    case State::Timestamps:
      return reject("malformed timestamps", timestamp_label() + " is " + v.describe() + ", not an object");
    case State::Timestamp: return timestamp_scalar(v);
    case State::Tensor: return tensor_scalar(v);
    case State::Skip:
    case State::Discard: return true;
    case State::Done: break;
  }
  return fail("unexpected value after the end of the array");
}

bool RecordReader::record_scalar(const Scalar& v) {
  switch (field_) {
    case Field::Id:
      if (v.is_big_integer()) {
        return reject("ids that do not fit in 64 bits", record_label() + ": id " + v.describe() + " does not fit in 64 bits");
      }
      if (!v.is_integer()) return reject("ids that are not integers", record_label() + ": id is " + v.describe() + ", not an integer");
      rec_.has_id = true;
      rec_.id = v.as_id();
      return true;
    case Field::ParentId:
      if (!v.is_integer()) {
        return reject("parent ids that are not integers",
                      record_label() + ": parent_id is " + v.describe() + ", not an integer");
      }
      rec_.attrs.has_parent = true;
      rec_.parent_id = v.as_id();
      return true;
    case Field::ModelName:
      rec_.has_model_name = true;
      rec_.attrs.model_name = set_.values.intern(v.to_py());
      return true;
    case Field::ModelVersion:
      rec_.has_model_version = true;
      rec_.attrs.model_version = set_.values.intern(v.to_py());
      return true;
    case Field::Activity:
      rec_.has_activity = true;
      rec_.attrs.activity = v.kind == Scalar::Kind::String ? classify_activity(*v.s) : Activity::Other;
      return true;
    case Field::Timestamps:
      return reject("malformed timestamps", record_label() + ": timestamps is " + v.describe() + ", not an array");
    case Field::Tensor:
      return reject("malformed tensors", record_label() + ": tensor is " + v.describe() + ", not an object");
    case Field::Other: break;
  }
  return true;
}

bool RecordReader::timestamp_scalar(const Scalar& v) {
  if (ts_field_ == TsField::Name) {
    if (v.kind != Scalar::Kind::String) {
      return reject("malformed timestamps", timestamp_label() + ".name is " + v.describe() + ", not a string");
    }
    const auto id = set_.names.intern(*v.s);
    if (!id) return fail(timestamp_label() + ": too many distinct timestamp names");
    ts_has_name_ = true;
    ts_name_ = *id;
    return true;
  }
  if (ts_field_ == TsField::Ns) {
    if (v.is_big_integer() || (v.kind == Scalar::Kind::Uint && v.u > static_cast<std::uint64_t>(INT64_MAX))) {
      return reject("timestamps whose ns does not fit in 64 bits",
                    timestamp_label() + ".ns " + v.describe() + " does not fit in a signed 64-bit integer");
    }
    if (!v.is_integer()) {
      return reject("timestamps whose ns is not an integer", timestamp_label() + ".ns is " + v.describe() + ", not an integer");
    }
    ts_has_ns_ = true;
    ts_ns_ = v.kind == Scalar::Kind::Int ? v.i : static_cast<std::int64_t>(v.u);
  }
  return true;
}

bool RecordReader::tensor_scalar(const Scalar& v) {
  if (tensor_field_ == TensorField::Other) return true;
  static constexpr const char* kNames[] = {"name", "data", "shape", "dtype"};
  const auto k = static_cast<std::size_t>(tensor_field_);
  if (v.kind != Scalar::Kind::String) {
    return reject("malformed tensors", record_label() + ": tensor." + kNames[k] + " is " + v.describe() + ", not a string");
  }
  TensorRecord& t = tensor_;
  bool* present[] = {&t.has_name, &t.has_data, &t.has_shape, &t.has_dtype};
  *present[k] = true;
  if (t.fields) {
    std::string* targets[] = {&t.fields->name, &t.fields->data, &t.fields->shape, &t.fields->dtype};
    *targets[k] = *v.s;  // a copy: the parser's buffer keeps the capacity of its longest string
  }
  return true;
}

bool RecordReader::start_container(bool object) {
  ++depth_;
  switch (state_) {
    case State::Top:
      if (object) return fail("the file holds a JSON object, not an array of trace records");
      state_ = State::Array;
      mark_complete();
      return true;
    case State::Array: return element_container(object);
    case State::Record: return record_container(object);
    case State::Timestamps:
      if (!object) return reject("malformed timestamps", timestamp_label() + " is an array, not an object");
      state_ = State::Timestamp;
      ts_field_ = TsField::Other;
      ts_has_name_ = ts_has_ns_ = false;
      return true;
    case State::Timestamp:
      if (ts_field_ != TsField::Other) {
        return reject("malformed timestamps", timestamp_label() + "." + (ts_field_ == TsField::Name ? "name" : "ns") +
                                                  " is " + (object ? "an object" : "an array"));
      }
      skip_from(State::Timestamp);
      return true;
    case State::Tensor:
      if (tensor_field_ != TensorField::Other) return reject("malformed tensors", record_label() + ": a tensor field is not a string");
      skip_from(State::Tensor);
      return true;
    case State::Skip: ++skip_depth_; return true;
    case State::Discard: return true;
    case State::Done: break;
  }
  return fail("unexpected value after the end of the array");
}

bool RecordReader::element_container(bool object) {
  ++record_count_;
  record_offset_ = input_.offset() - 1;  // the '{' just read
  rec_ = PendingRecord{};
  if (!object) return reject("array elements that are not objects", record_label() + " is an array, not an object");
  begin_record();
  return true;
}

bool RecordReader::record_container(bool object) {
  const char* kind = object ? "an object" : "an array";
  switch (field_) {
    case Field::Timestamps:
      if (object) return reject("malformed timestamps", record_label() + ": timestamps is an object, not an array");
      return begin_timestamps();
    case Field::Tensor:
      if (!object) return reject("malformed tensors", record_label() + ": tensor is an array, not an object");
      tensor_ = TensorRecord{};
      if (input_.rereadable()) {
        tensor_.source = source_index();
      } else {
        tensor_.fields = std::make_unique<TensorFields>();
      }
      rec_.attrs.has_tensor = true;
      tensor_field_ = TensorField::Other;
      state_ = State::Tensor;
      return true;
    case Field::Id:
      return reject("ids that are not integers", record_label() + ": id is " + kind + ", not an integer");
    case Field::ParentId:
      return reject("parent ids that are not integers", record_label() + ": parent_id is " + kind + ", not an integer");
    case Field::ModelName:
      return reject("model names that are not scalars", record_label() + ": model_name is " + kind + ", not a string or number");
    case Field::ModelVersion:
      return reject("model versions that are not scalars",
                    record_label() + ": model_version is " + kind + ", not a string or number");
    case Field::Activity:
      rec_.has_activity = true;
      rec_.attrs.activity = Activity::Other;
      break;
    case Field::Other: break;
  }
  skip_from(State::Record);
  return true;
}

bool RecordReader::end_container() {
  --depth_;
  switch (state_) {
    case State::Skip:
      if (--skip_depth_ == 0) state_ = resume_;
      return true;
    case State::Discard:
      if (depth_ == 1) {
        state_ = State::Array;
        drop_partial_record();
        mark_complete();
      }
      return true;
    case State::Record:
      state_ = State::Array;
      return commit_record();
    case State::Array: state_ = State::Done; return true;
    case State::Timestamps: state_ = State::Record; return true;
    case State::Timestamp: return end_timestamp();
    case State::Tensor: state_ = State::Record; return true;
    case State::Top:
    case State::Done: break;
  }
  return fail("unbalanced JSON");
}

void RecordReader::begin_record() {
  rec_.ts_begin = set_.timestamps.size();
  field_ = Field::Other;
  state_ = State::Record;
}

bool RecordReader::begin_timestamps() {
  // A repeated "timestamps" key replaces the earlier list, as in Python.
  set_.timestamps.truncate(rec_.ts_begin);
  // Encode as the continuation of the last complete record when this one is
  // likely to be appended to it (see extend_last_plain), sparing a rebase.
  rec_.encoded_after = rec_.has_id && likely_continuation(rec_.id) ? committed_last_ns_ : 0;
  record_last_ns_ = rec_.encoded_after;
  rec_.ts_count = 0;
  rec_.lowercase_names = false;
  rec_.attrs.has_timestamps = true;
  ts_index_ = 0;
  state_ = State::Timestamps;
  return true;
}

bool RecordReader::end_timestamp() {
  state_ = State::Timestamps;
  if (!ts_has_name_) return reject("malformed timestamps", timestamp_label() + " has no \"name\"");
  if (!ts_has_ns_) return reject("malformed timestamps", timestamp_label() + " has no \"ns\"");
  if (set_.timestamps.size() >= kNone - 32) return fail("more timestamps than this tool can hold");
  if (set_.names.info(ts_name_).lowercase_relevant) rec_.lowercase_names = true;
  set_.timestamps.append(ts_name_, ts_ns_, record_last_ns_);
  record_last_ns_ = ts_ns_;
  ++rec_.ts_count;
  ++ts_index_;
  return true;
}

std::optional<NameId> RecordReader::direct_stamp_name(std::string_view name, bool ns_fits) {
  if (state_ != State::Array || depth_ != 1 || !ns_fits) return std::nullopt;
  if (set_.timestamps.size() >= kNone - 64 || set_.records.size() >= kNone - 1) return std::nullopt;
  return set_.names.intern(name);  // fails (changing nothing) when the table is full
}

bool RecordReader::stamp_record(std::uint64_t id, NameId name, std::int64_t ns, std::uint64_t element_offset) {
  // start_object: the element begins.
  ++record_count_;
  record_offset_ = element_offset;
  rec_ = PendingRecord{};
  begin_record();
  // "id": ID
  rec_.has_id = true;
  rec_.id = TraceId{id};
  // "timestamps": [
  field_ = Field::Timestamps;
  begin_timestamps();
  // {"name": NAME, "ns": NS}
  state_ = State::Timestamp;
  ts_field_ = TsField::Ns;
  ts_has_name_ = ts_has_ns_ = true;
  ts_name_ = name;
  ts_ns_ = ns;
  end_timestamp();  // cannot fail: direct_stamp_name() saw room for it
  // ] }
  state_ = State::Array;
  return commit_record();
}

void RecordReader::mark_complete() {
  committed_ts_ = set_.timestamps.size();
  complete_bytes_ = input_.offset();
  if (state_ == State::Array && record_count_ > 0) complete_records_ = record_count_;
}

std::uint32_t RecordReader::group_for(TraceId id) {
  if (last_group_ != kNone && id == last_id_) return last_group_;
  std::size_t slot = 0;
  std::uint32_t group = group_of_.find(id, slot);
  if (group == kNone) {
    group = static_cast<std::uint32_t>(set_.group_ids.size());
    set_.group_ids.push_back(id);
    set_.group_own_bytes.push_back(kNone);
    group_first_record_.push_back(kNone);
    group_last_plain_.push_back(kNone);
    group_of_.insert(group, slot);
  }
  last_id_ = id;
  last_group_ = group;
  return group;
}

// Appends the plain record just read to the id's last plain record when no
// timestamps came in between. When that is the id's first record, which the
// script treats apart, the boundary is kept in group_own_bytes.
bool RecordReader::extend_last_plain(std::uint32_t group) {
  const std::uint32_t target = group_last_plain_[group];
  if (target == kNone) return false;
  Record& prev = set_.records[target];
  if (std::uint64_t{prev.ts_begin} + prev.ts_size != rec_.ts_begin) return false;
  if (target == group_first_record_[group] && set_.group_own_bytes[group] == kNone) {
    set_.group_own_bytes[group] = prev.ts_size;
  }
  if (rec_.ts_count > 0) set_.timestamps.rebase(rec_.ts_begin, rec_.encoded_after, prev.ts_size > 0 ? previous_last_ns_ : 0);
  prev.ts_size = static_cast<std::uint32_t>(set_.timestamps.size() - prev.ts_begin);
  return true;
}

// The record of `id` being read will probably be appended to that id's last
// plain record: it ends where the arena ends.
bool RecordReader::likely_continuation(TraceId id) {
  std::size_t slot = 0;
  const std::uint32_t group = last_group_ != kNone && id == last_id_ ? last_group_ : group_of_.find(id, slot);
  if (group == kNone) return false;
  const std::uint32_t target = group_last_plain_[group];
  if (target == kNone) return false;
  const Record& prev = set_.records[target];
  return prev.ts_size > 0 && std::uint64_t{prev.ts_begin} + prev.ts_size == rec_.ts_begin;
}

bool RecordReader::commit_record() {
  if (!rec_.has_id) {
    ++set_.records_without_id;
    if (rec_.attrs.activity != Activity::None && rec_.attrs.activity != Activity::Other) {
      set_.has_tensor_without_id = true;
    }
    drop_partial_record();
    mark_complete();
    return true;
  }
  previous_last_ns_ = committed_last_ns_;
  const std::uint32_t group = group_for(rec_.id);
  if (rec_.ts_count > 0) committed_last_ns_ = record_last_ns_;
  const bool mergeable = rec_.plain() && !rec_.lowercase_names;
  if (mergeable && extend_last_plain(group)) {
    mark_complete();
    return true;
  }
  if (set_.records.size() >= kNone) return fail("more records than this tool can hold");
  if (rec_.ts_count > 0) set_.timestamps.rebase(rec_.ts_begin, rec_.encoded_after, 0);  // stands alone
  const auto ts_size = static_cast<std::uint32_t>(set_.timestamps.size() - rec_.ts_begin);
  Record r{group, static_cast<std::uint32_t>(rec_.ts_begin), ts_size, kNone};
  if (!rec_.plain()) {
    if (rec_.attrs.has_tensor) {
      if (tensor_.source != kNone && tensor_.record_end == 0) {  // not a record of another part
        tensor_.record_begin = record_offset_;
        tensor_.record_end = input_.offset();
      }
      rec_.attrs.tensor = static_cast<std::uint32_t>(set_.tensors.size());
      set_.tensors.push_back(std::move(tensor_));
    }
    if (rec_.attrs.has_parent) {
      rec_.attrs.parent = static_cast<std::uint32_t>(set_.parent_ids.size());
      set_.parent_ids.push_back(rec_.parent_id);
    }
    r.attrs = static_cast<std::uint32_t>(set_.attrs.size());
    set_.attrs.push_back(rec_.attrs);
  }
  const auto index = static_cast<std::uint32_t>(set_.records.size());
  if (mergeable) group_last_plain_[group] = index;
  if (group_first_record_[group] == kNone) group_first_record_[group] = index;
  set_.records.push_back(r);
  mark_complete();
  return true;
}

// The attributes of a record of `part`, with its model name and version
// interned here (`values`: part's value index -> ours, filled on first use).
void RecordReader::take_attrs(TraceSet& part, const RecordAttrs& attrs, std::vector<std::uint32_t>& values) {
  auto value = [&](std::uint32_t v) {
    if (values[v] == kNone) values[v] = set_.values.intern(part.values[v]);
    return values[v];
  };
  rec_.attrs = attrs;
  rec_.has_model_name = attrs.model_name != kNone;
  if (rec_.has_model_name) rec_.attrs.model_name = value(attrs.model_name);
  rec_.has_model_version = attrs.model_version != kNone;
  if (rec_.has_model_version) rec_.attrs.model_version = value(attrs.model_version);
  rec_.has_activity = attrs.activity != Activity::None;
  if (attrs.has_parent) rec_.parent_id = part.parent_ids[attrs.parent];
  if (attrs.has_tensor) {
    tensor_ = std::move(part.tensors[attrs.tensor]);
    if (tensor_.source != kNone) tensor_.source = source_index();
  }
}

// Appends the timestamps of `r`, a record of `part`, as a record of its own;
// `names` maps part's name ids to ours. Returns where the first `own` bytes
// of it (in part's encoding) end in ours, or kNone when `own` is kNone.
std::uint64_t RecordReader::copy_timestamps(const TraceSet& part, const Record& r, const std::vector<NameId>& names,
                                            std::uint32_t own) {
  std::size_t own_count = SIZE_MAX;
  if (own != kNone) {
    own_count = 0;
    part.timestamps.decode(r.ts_begin, std::uint64_t{r.ts_begin} + own, r.ts_begin,
                           [&own_count](NameId, std::int64_t) { ++own_count; });
  }
  std::uint64_t own_end = own == kNone ? kNone : 0;
  rec_.ts_begin = set_.timestamps.size();
  rec_.encoded_after = 0;
  record_last_ns_ = 0;
  part.for_each_in_record(r, [&](NameId name, std::int64_t ns) {
    if (rec_.ts_count == own_count) own_end = set_.timestamps.size() - rec_.ts_begin;
    const NameId ours = names[name];
    if (set_.names.info(ours).lowercase_relevant) rec_.lowercase_names = true;
    set_.timestamps.append(ours, ns, record_last_ns_);
    record_last_ns_ = ns;
    ++rec_.ts_count;
  });
  if (rec_.ts_count == own_count) own_end = set_.timestamps.size() - rec_.ts_begin;
  return own_end;
}

// Commits the records of `part` one by one, in its file order, exactly as if
// they had been read here: ids already seen here join their groups, and
// plain records merge across the seam as they would in one pass. A part's
// own merges stand (they would happen here too), and so does where the
// first record of an id first seen in `part` ends.
void RecordReader::append_part(TraceSet& part, std::size_t part_complete_records, std::uint64_t part_complete_bytes) {
  std::vector<NameId> names(part.names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto id = set_.names.intern(part.names.info(static_cast<NameId>(i)).text);
    if (!id) throw DataError("too many distinct timestamp names");
    names[i] = *id;
  }
  std::vector<std::uint32_t> values(part.values.size(), kNone);
  std::vector<bool> group_seen(part.group_ids.size(), false);
  constexpr std::size_t kReleaseEvery = 1 << 16;  // records
  for (std::size_t i = 0; i < part.records.size(); ++i) {
    const Record& r = part.records[i];
    if (i % kReleaseEvery == 0 && i > 0) {
      // What has been taken in is not read again: its memory goes back now,
      // not when the part is dropped, so the two sets never both hold it.
      part.timestamps.release_before(r.ts_begin);
      release_pages(part.records.data(), i * sizeof(Record));
    }
    rec_ = PendingRecord{};
    rec_.has_id = true;
    rec_.id = part.group_ids[r.group];
    if (r.attrs == kNone) {
      rec_.attrs.has_timestamps = true;
    } else {
      take_attrs(part, part.attrs[r.attrs], values);
    }
    const std::uint32_t own = group_seen[r.group] ? kNone : part.group_own_bytes[r.group];
    group_seen[r.group] = true;
    const std::uint64_t own_end = copy_timestamps(part, r, names, own);
    if (set_.timestamps.size() >= kNone - 32) throw DataError("more timestamps than this tool can hold");
    const std::size_t groups_before = set_.group_ids.size();
    if (!commit_record()) throw DataError(error_);
    if (own != kNone && set_.group_ids.size() > groups_before) set_.group_own_bytes.back() = static_cast<std::uint32_t>(own_end);
  }
  record_count_ += part_complete_records;
  complete_records_ += part_complete_records;
  complete_bytes_ = part_complete_bytes;
  set_.records_without_id += part.records_without_id;
  set_.has_tensor_without_id = set_.has_tensor_without_id || part.has_tensor_without_id;
  part = TraceSet{};
}

}  // namespace trace_summary::detail
