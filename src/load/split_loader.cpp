// Reading one large trace file on several threads. The file is cut at
// boundaries between elements of its top-level array; while this thread
// parses the first part into the trace set, each later part is parsed into
// a trace set of its own on a thread of its own; then the later parts'
// records are taken in, in file order, as if one pass had read them.
//
// A cut is a guess from the bytes (split_points.hpp) until the part before it
// has been parsed up to it and ended exactly after a comma of the top-level
// array. When anything is unusual — a cut that was not a boundary, a later
// part that does not parse cleanly (its error message would need the lines
// and records before it) — the file is read again in one pass. So the
// result, errors and warnings included, is always that of one pass.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "load/part_reader.hpp"
#include "load/split_points.hpp"

namespace trace_summary {

std::optional<std::size_t> find_element_start(std::string_view bytes) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  for (std::size_t at = bytes.find('{'); at != std::string_view::npos; at = bytes.find('{', at + 1)) {
    std::size_t back = at;
    while (back > 0 && is_space(bytes[back - 1])) --back;
    if (back == 0 || bytes[back - 1] != ',') continue;
    --back;
    while (back > 0 && is_space(bytes[back - 1])) --back;
    if (back == 0 || bytes[back - 1] != '}') continue;
    std::size_t ahead = at + 1;
    while (ahead < bytes.size() && is_space(bytes[ahead])) ++ahead;
    if (bytes.substr(ahead, 4) != "\"id\"") continue;
    ahead += 4;
    while (ahead < bytes.size() && is_space(bytes[ahead])) ++ahead;
    if (ahead < bytes.size() && bytes[ahead] == ':') return at;
  }
  return std::nullopt;
}

namespace detail {
namespace {

constexpr std::size_t kSearchWindow = std::size_t{1} << 20;  // bytes searched for each cut

// The file offsets where the parts after the first begin; none when `input`
// is to be read in one pass.
std::vector<std::uint64_t> plan_cuts(const InputSource& input, const LoadOptions& options) {
  const std::uint64_t size = input.size_hint();
  if (options.jobs < 2 || options.skip != nullptr || !input.rereadable() || !input.untouched()) return {};
  const OpenFile& file = *input.file();
  const std::string head = file.read_at(0, 2);
  if (InputSource::is_gzip(head.data(), head.size())) return {};  // read in one pass, as it is decompressed
  std::vector<std::uint64_t> near = options.split_near;
  if (near.empty()) {
    const std::uint64_t parts = std::min<std::uint64_t>(options.jobs, size / std::max<std::uint64_t>(options.min_part_bytes, 1));
    for (std::uint64_t k = 1; k < parts; ++k) near.push_back(size / parts * k);
  }
  std::vector<std::uint64_t> cuts;
  for (std::uint64_t from : near) {
    if (!cuts.empty()) from = std::max(from, cuts.back() + 1);
    const auto at = find_element_start(file.read_at(from, kSearchWindow));
    if (at) cuts.push_back(from + *at);
  }
  return cuts;
}

// A part after the first: from one cut to the next (or the end of the file).
struct Part {
  std::unique_ptr<InputSource> input;
  std::uint64_t begin = 0, size = 0;
  Parser parser = Parser::Fast;
  bool last = false;
  TraceSet set;
  PartEnding ending;
  bool good = false;  // parsed cleanly, and ended where the next part begins
  std::atomic<std::uint64_t> bytes_read{0};
  std::thread thread;
};

void parse_part(Part& part, std::atomic<bool>& cancel) {
  try {
    PartReader reader(part.set, *part.input, nullptr, part.size, part.parser);
    part.ending = reader.read();
    const PartEnding& e = part.ending;
    part.good = part.last ? !e.notes.truncated || e.notes.complete_records > 0 : e.at_split;
  } catch (...) {
    part.good = false;
  }
  if (!part.good) cancel = true;
}

// Waits for the parts' threads however the first part's parse ends.
struct JoinAll {
  std::vector<std::unique_ptr<Part>>& parts;
  std::atomic<bool>& cancel;
  ~JoinAll() {
    cancel = true;
    for (auto& part : parts) {
      if (part && part->thread.joinable()) part->thread.join();
    }
  }
};

// Everything a failed attempt may have added to a trace set, to take it back.
struct SetMark {
  explicit SetMark(const TraceSet& s)
      : records(s.records.size()), attrs(s.attrs.size()), parent_ids(s.parent_ids.size()), tensors(s.tensors.size()),
        sources(s.sources.size()), groups(s.group_ids.size()), timestamps(s.timestamps.size()),
        records_without_id(s.records_without_id), tensor_without_id(s.has_tensor_without_id) {}
  void restore(TraceSet& s) const {
    s.records.resize(records);
    s.attrs.resize(attrs);
    s.parent_ids.resize(parent_ids);
    s.tensors.resize(tensors);
    s.sources.resize(sources);
    s.group_ids.resize(groups);
    s.group_own_bytes.resize(groups);
    s.timestamps.truncate(timestamps);
    s.records_without_id = records_without_id;
    s.has_tensor_without_id = tensor_without_id;
  }
  std::size_t records, attrs, parent_ids, tensors, sources, groups;
  std::uint64_t timestamps;
  std::size_t records_without_id;
  bool tensor_without_id;
};

std::vector<std::unique_ptr<Part>> open_parts(const InputSource& input, const std::vector<std::uint64_t>& cuts,
                                              std::atomic<bool>& cancel, Parser parser) {
  std::vector<std::unique_ptr<Part>> parts;
  for (std::size_t k = 0; k < cuts.size(); ++k) {
    auto part = std::make_unique<Part>();
    part->input = InputSource::open_array_tail(input, cuts[k]);
    part->begin = cuts[k];
    part->parser = parser;
    part->last = k + 1 == cuts.size();
    part->size = (part->last ? input.size_hint() : cuts[k + 1]) - cuts[k];
    if (!part->last) part->input->stop_at(cuts[k + 1]);
    part->input->cancel_when(&cancel);
    Part& p = *part;
    part->input->observe_reads([&p](std::uint64_t offset) { p.bytes_read = offset - p.begin; });
    parts.push_back(std::move(part));
  }
  return parts;
}

// Parses the first part here and the others on their threads, and takes the
// others' records in. nullopt: the result is not that of one pass.
std::optional<LoadNotes> parse_parts(TraceSet& set, InputSource& input, std::vector<std::unique_ptr<Part>>& parts,
                                     std::atomic<bool>& cancel, Parser parser) {
  JoinAll join{parts, cancel};
  try {
    for (auto& part : parts) part->thread = std::thread(parse_part, std::ref(*part), std::ref(cancel));
  } catch (const std::system_error&) {
    return std::nullopt;  // no more threads to be had: one pass
  }
  PartReader first(set, input, nullptr, input.size_hint(), parser);
  PartEnding ending;
  try {
    ending = first.read();
  } catch (const DataError&) {
    if (cancel) return std::nullopt;  // cut short on purpose, not an error of the file
    throw;                            // the first error of the file: one pass meets it too
  }
  if (!ending.at_split || cancel) return std::nullopt;
  LoadNotes notes;
  for (auto& part : parts) {
    part->thread.join();
    if (!part->good) return std::nullopt;
    notes = first.append_part(part->set, part->ending);
    if (part->last) set.ids_at_the_cut.insert(set.ids_at_the_cut.end(), part->ending.ids_at_the_cut.begin(),
                                              part->ending.ids_at_the_cut.end());
    part.reset();  // its memory goes before the next part's records come in
  }
  notes.parts = parts.size() + 1;
  return notes;
}

}  // namespace

std::optional<LoadNotes> read_in_parts(TraceSet& set, InputSource& input, const LoadOptions& options) {
  std::vector<std::uint64_t> cuts;
  try {
    cuts = plan_cuts(input, options);
  } catch (const std::system_error&) {
    return std::nullopt;  // a read error: one pass meets it and reports it
  }
  if (cuts.empty()) return std::nullopt;
  std::atomic<bool> cancel{false};
  std::vector<std::unique_ptr<Part>> parts;
  try {
    parts = open_parts(input, cuts, cancel, options.parser);
  } catch (const std::system_error&) {
    return std::nullopt;  // read in one pass, from `input`
  }
  const auto observer = input.read_observer();
  input.stop_at(cuts.front());
  input.cancel_when(&cancel);
  if (observer) {
    input.observe_reads([&observer, &parts](std::uint64_t offset) {
      for (const auto& part : parts) offset += part ? part->bytes_read.load() : 0;
      observer(offset);
    });
  }
  const SetMark mark(set);
  std::optional<LoadNotes> notes;
  try {
    notes = parse_parts(set, input, parts, cancel, options.parser);
  } catch (...) {
    input.observe_reads(observer);
    throw;
  }
  input.observe_reads(observer);
  if (notes) return notes;
  // Read again in one pass: the result and any error are then exactly its.
  mark.restore(set);
  std::unique_ptr<InputSource> again = InputSource::read_again(input);
  again->observe_reads(observer);
  return read_in_one_pass(set, *again, nullptr, options.parser);
}

}  // namespace detail
}  // namespace trace_summary
