// The pairing engine: groups a TraceSet's records by trace id, decides which
// traces each protocol pass counts, and pairs start/end timestamps into spans
// summed per model, as trace_summary.py pairs and sums them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "base/errors.hpp"
#include "load/trace_set.hpp"
#include "report/report_model.hpp"
#include "report/span_catalogue.hpp"

namespace trace_summary {

/// Exact sums of the streamed requests of one model (see StreamTimes).
struct StreamSums {
  std::uint64_t requests = 0, responses = 0;
  wide_int first_ns = 0, last_ns = 0;
  wide_int gaps_ns = 0;  ///< over responses - requests gaps
};

/// Exact sums of one model's spans over its counted traces.
struct ModelStats {
  std::uint32_t model_name = kNone;  ///< value index as first seen (what the summary prints)
  std::uint32_t model_version = kNone;
  std::uint64_t count = 0;
  std::array<wide_int, kSpanCount> sum{};
  std::array<bool, kSpanCount> has{};  ///< some counted trace had the span
  StreamSums stream;                   ///< its streamed requests (when FileSummary::streams)
};

/// One counted trace (12 bytes: a file may hold millions). Its timestamps
/// are the anchor record's own followed by `later_copies` times the
/// timestamps of the id's records after the anchor (the reference script
/// appends them to the anchor, once per pass that counts the id, so a trace
/// counted by both passes repeats them). `later_copies` is 0 only for
/// lowercase files, where each record is a trace of its own.
struct CountedTrace {
  std::uint32_t anchor = 0;  ///< record index
  std::uint32_t model = 0;   ///< index into PassSummary::models
  std::uint8_t later_copies = 0;
};

/// The trace's id group.
inline std::uint32_t trace_group(const TraceSet& set, const CountedTrace& trace) {
  return set.records[trace.anchor].group;
}

/// A trace's own model_name and model_version (value indices, kNone when
/// absent): what `-t` prints, where the summary prints its model's first-seen
/// spelling.
struct TraceModel {
  std::uint32_t name = kNone, version = kNone;
};
TraceModel trace_model(const TraceSet& set, const CountedTrace& trace);

/// What one protocol pass found, in the order the reference prints it.
struct PassSummary {
  Protocol protocol = Protocol::Http;
  std::vector<ModelStats> models;    ///< first-seen order
  std::vector<CountedTrace> traces;  ///< id order
  /// The earliest and latest start of a span of the counted traces (the
  /// time axis of per-window series); nullopt when none has a span.
  std::optional<std::pair<std::int64_t, std::int64_t>> span_starts;
};

/// Widens `pass.span_starts` to the starts of `spans`, a counted trace's.
void note_span_starts(PassSummary& pass, const SpanTimes& spans);

/// Everything the renderers need for one file.
struct FileSummary {
  Naming naming = Naming::Canonical;
  Compat compat = Compat::Classic;
  /// Streamed requests are recognised and reported (formats other than the
  /// classic text); else they are paired as the reference pairs them.
  bool streams = false;
  PassSummary http, grpc;
  /// Per group: the first record was mutated by a pass (it gained a
  /// `timestamps` list and the id's model_name/model_version).
  std::vector<bool> representative_mutated;
};

/// The rules a file's spans follow: lowercase files follow the 2020 script,
/// which has no "current" variant.
Compat effective_compat(const FileSummary& summary);

/// Where summarize() logs the traces it leaves out instead of stopping.
struct SkipLogs {
  SkipLog* invalid = nullptr;  ///< --skip-invalid: any trace that breaks a rule
  SkipLog* cut = nullptr;      ///< a file cut short: the traces at the cut (TraceSet::ids_at_the_cut)
};

/// Runs both passes. Throws DataError naming the trace id and timestamps when
/// the reference would stop with an exception: a span that ends before it
/// starts, a span with one end missing, a counted trace without model_name or
/// model_version, a root record without timestamps (lowercase files). A trace
/// with a log in `logs` is left out of its pass and logged there instead.
/// With `streams`, a streamed request's send stamps are not paired (their
/// rows are left out for it) and its responses are summed instead.
FileSummary summarize(const TraceSet& set, Compat compat, const SkipLogs& logs = {}, bool streams = false);

/// The spans of one counted trace (the same ones its pass summed).
SpanTimes trace_spans(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace);

/// trace_spans() of one trace, and its responses when its pass summed it as
/// streamed, its timestamps read once.
struct TraceTimes {
  SpanTimes spans;
  std::optional<StreamTimes> stream;  ///< nullopt unless summed as streamed
};
TraceTimes trace_times(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace);

/// The ns of each canonical stamp of one trace (a later entry of the same
/// name wins, as in the script's dict); nullopt when absent.
using StampTimes = std::array<std::optional<std::int64_t>, kStampCount>;
StampTimes trace_stamp_times(const TraceSet& set, const FileSummary& summary, const CountedTrace& trace);

/// Calls `fn(name_id, ns)` for each timestamp of `trace`, in list order.
template <typename Fn>
void for_each_timestamp(const TraceSet& set, const CountedTrace& trace, Fn&& fn) {
  const Record& anchor = set.records[trace.anchor];
  const std::uint32_t group = anchor.group;
  const std::uint64_t begin = anchor.ts_begin;
  const std::uint64_t end = begin + anchor.ts_size;
  // The anchor's own timestamps end where later records merged into it begin.
  const std::uint32_t own = set.group_own_bytes[group];
  const bool split = trace.later_copies > 0 && own != kNone && trace.anchor == *set.group_records_begin(group);
  const std::uint64_t own_end = split ? begin + own : end;
  set.timestamps.decode(begin, own_end, begin, fn);
  for (std::uint8_t copy = 0; copy < trace.later_copies; ++copy) {
    if (own_end < end) set.timestamps.decode(begin, end, own_end, fn);
    for (const std::uint32_t* r = set.group_records_begin(group) + 1; r != set.group_records_end(group); ++r) {
      set.for_each_in_record(set.records[*r], fn);
    }
  }
}

/// The group whose id is `id`, or kNone.
std::uint32_t find_group(const TraceSet& set, TraceId id);

}  // namespace trace_summary
