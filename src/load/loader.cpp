// The loader: reads a trace file (or OTLP JSON) into a TraceSet, through
// the fast path or nlohmann into the RecordReader, in one pass or in parts.
#include "load/loader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "load/fast_path.hpp"
#include "load/otlp_loader.hpp"
#include "load/part_reader.hpp"
#include "load/record_reader.hpp"
#include "base/errors.hpp"

namespace trace_summary {
namespace detail {
namespace {

// Asks the kernel for 2 MB pages in a large reserved array: far fewer page
// faults and TLB misses while it fills (transparent huge pages in
// "madvise" mode). A hint only.
template <typename T>
void advise_huge_pages(const std::vector<T>& v) {
  trace_summary::advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace

void reserve_for(TraceSet& set, std::uint64_t bytes) {
  // A timestamp record takes about 75 bytes of JSON and 4 packed; reserving
  // spares the copies of growing. Pages never touched cost no memory.
  set.timestamps.reserve(std::min<std::uint64_t>(set.timestamps.size() + bytes / 12, kNone));
  // A Triton request takes about 1 kB: two records (one with attributes) per
  // model it ran. Growing past these costs a copy; reserving more costs nothing.
  set.records.reserve(static_cast<std::size_t>(set.records.size() + bytes / 256));
  set.attrs.reserve(static_cast<std::size_t>(set.attrs.size() + bytes / 512));
  set.group_ids.reserve(static_cast<std::size_t>(set.group_ids.size() + bytes / 512));
  set.group_own_bytes.reserve(set.group_ids.capacity());
  set.timestamps.advise_huge_pages();
  advise_huge_pages(set.records);
  advise_huge_pages(set.attrs);
  advise_huge_pages(set.group_ids);
}

PartReader::PartReader(TraceSet& set, InputSource& input, SkipLog* skip, std::uint64_t expected_bytes, Parser parser)
    : input_(input), parser_(parser) {
  reserve_for(set, expected_bytes);
  set.index_valid = false;
  reader_ = std::make_unique<RecordReader>(set, input, skip);
}

PartReader::~PartReader() = default;

PartEnding PartReader::read() {
  RecordReader& reader = *reader_;
  const bool ok = parser_ == Parser::Fast
                      ? FastPath<RecordReader>(input_, reader).parse()
                      : json::sax_parse(input_.begin(), input_.end(), &reader, json::input_format_t::json, true, false);
  if (!input_.read_error().empty()) throw DataError("read error: " + input_.read_error());
  if (ok && !input_.at_end()) {
    throw DataError(printable_position(input_) + "unexpected NUL byte after the end of the array");
  }
  PartEnding ending;
  if (!ok && reader.ended_inside_array()) {
    reader.drop_partial_record();
    ending.notes.truncated = true;
    ending.at_split = reader.ended_at_split();
    ending.ids_at_the_cut = reader.ids_at_the_cut();
  } else if (!ok && reader.ended_before_any_value()) {
    ending.notes.empty_input = true;
  } else if (!ok || !reader.finished()) {
    throw DataError(reader.error().empty() ? std::string("not a complete JSON array") : reader.error());
  }
  ending.notes.complete_records = reader.complete_records();
  ending.notes.complete_bytes = reader.complete_bytes();
  return ending;
}

LoadNotes PartReader::append_part(TraceSet& part, const PartEnding& ending) {
  reader_->append_part(part, ending.notes.complete_records, ending.notes.complete_bytes);
  LoadNotes notes = ending.notes;
  notes.complete_records = reader_->complete_records();
  return notes;
}

// The whole of `input`, in one pass on this thread.
LoadNotes read_in_one_pass(TraceSet& set, InputSource& input, SkipLog* skip, Parser parser) {
  PartReader reader(set, input, skip, input.size_hint(), parser);
  const PartEnding ending = reader.read();
  set.ids_at_the_cut.insert(set.ids_at_the_cut.end(), ending.ids_at_the_cut.begin(), ending.ids_at_the_cut.end());
  return ending.notes;
}

}  // namespace detail

LoadNotes append_trace_file(TraceSet& set, InputSource& input, const LoadOptions& options) {
  if (is_opentelemetry_input(input)) {
    LoadNotes otlp = append_otlp_file(set, input, options);
    otlp.opentelemetry = true;
    return otlp;
  }
  std::optional<LoadNotes> notes = detail::read_in_parts(set, input, options);
  if (!notes) notes = detail::read_in_one_pass(set, input, options.skip, options.parser);
  set.complete_records += notes->complete_records;
  set.complete_bytes = notes->complete_bytes;
  return *notes;
}

TraceSet load_trace_set(InputSource& input, const LoadOptions& options) {
  TraceSet set;
  const LoadNotes notes = append_trace_file(set, input, options);
  set.truncated = notes.truncated;
  set.empty_input = notes.empty_input;
  set.index_by_id();
  return set;
}

}  // namespace trace_summary

