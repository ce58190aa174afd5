#include "engine/span_engine.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "base/errors.hpp"
#include "engine/stream_times.hpp"

namespace trace_summary {
namespace {

// The last ns seen for each canonical stamp of one trace (a later entry of
// the same name wins, as in the script's dict).
struct StampMap {
  std::array<std::int64_t, kStampCount> ns{};
  std::array<bool, kStampCount> has{};
  std::array<std::uint32_t, 2> send_ends{};  // per Protocol: how many send ends (a stream has more than one)

  bool contains(Stamp s) const { return has[static_cast<std::size_t>(s)]; }
  std::int64_t at(Stamp s) const { return ns[static_cast<std::size_t>(s)]; }
  void set(Stamp s, std::int64_t v) {
    ns[static_cast<std::size_t>(s)] = v;
    has[static_cast<std::size_t>(s)] = true;
    if (s == Stamp::HttpSendEnd) ++send_ends[static_cast<std::size_t>(Protocol::Http)];
    if (s == Stamp::GrpcSendEnd) ++send_ends[static_cast<std::size_t>(Protocol::Grpc)];
  }
  void forget(Stamp s) { has[static_cast<std::size_t>(s)] = false; }
};

// Whether a trace may be streamed, from its last stamps (cheap; scan_stream()
// decides): repeated send ends, or HTTP send stamps of 0 or before arrival.
bool may_stream(const StampMap& map, Protocol protocol, Naming naming) {
  if (naming != Naming::Canonical) return false;
  if (map.send_ends[static_cast<std::size_t>(protocol)] > 1) return true;
  if (protocol != Protocol::Http || !map.contains(Stamp::HttpSendEnd)) return false;
  const std::int64_t send = map.at(Stamp::HttpSendEnd);
  return send == 0 || (map.contains(Stamp::HttpRecvStart) && send < map.at(Stamp::HttpRecvStart));
}

// A streamed request's send stamps are its responses, not one send span.
void forget_sends(StampMap& map, Protocol protocol) {
  const bool http = protocol == Protocol::Http;
  map.forget(http ? Stamp::HttpSendStart : Stamp::GrpcSendStart);
  map.forget(http ? Stamp::HttpSendEnd : Stamp::GrpcSendEnd);
}

// What the classic summary says of a streamed HTTP request it cannot pair.
std::string uncaptured_sends(const StreamScan& scan) {
  const std::string value = scan.uncaptured_send_ns == 0
                                ? "is 0"
                                : "is not captured (" + std::to_string(scan.uncaptured_send_ns) +
                                      ", OpenTelemetry's time of 0, before HTTP_RECV_START)";
  return "HTTP_SEND_END " + value +
         ", as tritonserver writes for streamed generate_stream responses; --format table (or json, csv) "
         "reports streamed requests, --skip-invalid leaves them out";
}

// A measured row of the catalogue and the stamps of its gate span.
struct PairRule {
  const SpanDef* row;
  Stamp gate_start, gate_end;
};

// The measured rows of a pass, in the catalogue's order.
std::vector<PairRule> make_pair_rules(Protocol protocol, Compat compat) {
  std::vector<PairRule> rules;
  for (const SpanDef* row : catalogue_rows(protocol, compat)) {
    if (!row->measured) continue;
    const SpanDef* gate = measured_row(row->gate, protocol, compat);
    rules.push_back({row, gate->start, gate->end});
  }
  return rules;
}

// The same, made once: trace_spans() runs per trace, for every trace of a
// report when a renderer asks for distributions or latency over time. The
// table is constant once made (C++11 makes its one-time start thread-safe).
const std::vector<PairRule>& pair_rules(Protocol protocol, Compat compat) {
  static const std::array<std::vector<PairRule>, 4> kRules = {
      make_pair_rules(Protocol::Http, Compat::Classic), make_pair_rules(Protocol::Http, Compat::Current),
      make_pair_rules(Protocol::Grpc, Compat::Classic), make_pair_rules(Protocol::Grpc, Compat::Current)};
  return kRules[(protocol == Protocol::Http ? 0 : 2) + (compat == Compat::Classic ? 0 : 1)];
}

// What is wrong with a trace's spans (an empty message when nothing is).
struct SpanProblem {
  const char* kind = "";
  std::string message;
};

// Pairs the stamps into spans as the catalogue says, stopping at the first
// problem: a row is paired when both stamps of its gate span are present.
SpanProblem pair_spans(const StampMap& map, const std::vector<PairRule>& rules, Naming naming, SpanTimes& out) {
  for (const PairRule& rule : rules) {
    if (!map.contains(rule.gate_start) || !map.contains(rule.gate_end)) continue;
    const SpanDef* row = rule.row;
    for (Stamp s : {row->start, row->end}) {
      if (!map.contains(s)) {
        return {"traces with a span missing its start or end",
                std::string(stamp_name(s, naming)) + " is missing (the span " +
                    std::string(stamp_name(row->start, naming)) + " -> " + std::string(stamp_name(row->end, naming)) +
                    " needs it)"};
      }
    }
    const std::int64_t start = map.at(row->start);
    const std::int64_t end = map.at(row->end);
    if (end < start) {
      return {"traces with a span that ends before it starts",
              std::string(stamp_name(row->end, naming)) + " " + std::to_string(end) + " is before " +
                  std::string(stamp_name(row->start, naming)) + " " + std::to_string(start)};
    }
    out[static_cast<std::size_t>(row->span)] = SpanTime{start, end};
  }
  return {};
}

StampMap stamp_map(const TraceSet& set, const CountedTrace& trace, Naming naming) {
  StampMap map;
  const auto n = static_cast<std::size_t>(naming);
  CountedTrace once = trace;
  once.later_copies = std::min<std::uint8_t>(trace.later_copies, 1);  // repeats cannot change the last value
  for_each_timestamp(set, once, [&](NameId name, std::int64_t ns) {
    if (const auto& stamp = set.names.info(name).stamp[n]) map.set(*stamp, ns);
  });
  return map;
}

// How many of the record's timestamp names hold the pass's marker.
std::size_t count_markers(const TraceSet& set, const Record& r, Naming naming, Protocol protocol) {
  const auto n = static_cast<std::size_t>(naming);
  const auto p = static_cast<std::size_t>(protocol);
  std::size_t count = 0;
  set.for_each_in_record(r, [&](NameId name, std::int64_t) {
    if (set.names.info(name).contains_marker[n][p]) ++count;
  });
  return count;
}

// Aggregates counted traces per model key, with Python's dict-key equality.
class PassBuilder {
 public:
  PassBuilder(const TraceSet& set, Protocol protocol, Compat compat, Naming naming, const SkipLogs& logs, bool streams)
      : set_(set), naming_(naming), rules_(pair_rules(protocol, compat)), logs_(logs), streams_(streams) {
    pass_.protocol = protocol;
  }

  // Counts `trace` when it has REQUEST_START and REQUEST_END.
  void offer(CountedTrace trace) {
    StampMap map = stamp_map(set_, trace, naming_);
    if (!map.contains(Stamp::RequestStart) || !map.contains(Stamp::RequestEnd)) return;
    const TraceModel model = trace_model(set_, trace);
    if (model.name == kNone || model.version == kNone) {
      const char* missing = model.name == kNone ? "model_name" : "model_version";
      reject(log_for(trace), std::string("counted traces without ") + missing, trace_place(trace),
             trace_label(trace, model) + ": has " + std::string(stamp_name(Stamp::RequestStart, naming_)) + " and " +
                 std::string(stamp_name(Stamp::RequestEnd, naming_)) + " but no " + missing);
      return;
    }
    SpanTimes spans;
    const Protocol protocol = pass_.protocol;
    StreamScan stream;
    if (may_stream(map, protocol, naming_)) stream = scan_stream(set_, trace, protocol);
    if (streams_ && stream.streamed) {
      if (!stream.times) {
        reject(log_for(trace), "streamed requests whose responses cannot be read", trace_place(trace),
               trace_label(trace, model) + ": " + stream.problem);
        return;
      }
      forget_sends(map, protocol);
    }
    SpanProblem problem = pair_spans(map, rules_, naming_, spans);
    if (!problem.message.empty() && !streams_ && stream.sends_not_captured) {
      problem = {"streamed requests (HTTP_SEND_END not captured), which the classic summary cannot show",
                 uncaptured_sends(stream)};
    }
    if (!problem.message.empty()) {
      reject(log_for(trace), problem.kind, trace_place(trace), trace_label(trace, model) + ": " + problem.message);
      return;
    }
    trace.model = model_index(model);
    ModelStats& stats = pass_.models[trace.model];
    ++stats.count;
    if (streams_ && stream.times) add_stream(stats.stream, *stream.times);
    for (std::size_t s = 0; s < kSpanCount; ++s) {
      if (!spans[s]) continue;
      stats.sum[s] += spans[s]->duration_ns();
      stats.has[s] = true;
    }
    note_span_starts(pass_, spans);
    pass_.traces.push_back(trace);
  }

  PassSummary take() { return std::move(pass_); }

 private:
  static void add_stream(StreamSums& sums, const StreamTimes& times) {
    ++sums.requests;
    sums.responses += times.responses_ns.size();
    sums.first_ns += wide_int{times.first_ns} - times.arrival_ns;
    sums.last_ns += wide_int{times.responses_ns.back()} - times.arrival_ns;
    sums.gaps_ns += wide_int{times.responses_ns.back()} - times.responses_ns.front();
  }

  std::uint32_t model_index(const TraceModel& model) {
    const std::string key = set_.values[model.name].equality_key() + '\0' + set_.values[model.version].equality_key();
    auto [it, added] = model_of_.try_emplace(key, static_cast<std::uint32_t>(pass_.models.size()));
    if (added) {
      ModelStats stats;
      stats.model_name = model.name;
      stats.model_version = model.version;
      pass_.models.push_back(stats);
    }
    return it->second;
  }

  // Where a problem with `trace` goes: the cut's log for a trace a file cut
  // short may have lost records of, else --skip-invalid's (or nowhere: stop).
  SkipLog* log_for(const CountedTrace& trace) const {
    const TraceId id = set_.group_ids[trace_group(set_, trace)];
    for (TraceId cut : set_.ids_at_the_cut) {
      if (cut == id) return logs_.cut;
    }
    return logs_.invalid;
  }

  std::string trace_place(const CountedTrace& trace) const {
    return "trace " + wide_int_to_string(set_.group_ids[trace_group(set_, trace)]);
  }

  std::string trace_label(const CountedTrace& trace, const TraceModel& model) const {
    std::string label = trace_place(trace);
    if (model.name != kNone) {
      label += " (" + printable(set_.values[model.name].text);
      if (model.version != kNone) label += " " + printable(set_.values[model.version].text);
      label += ")";
    }
    return label;
  }

  const TraceSet& set_;
  Naming naming_;
  std::vector<PairRule> rules_;
  SkipLogs logs_;
  bool streams_;
  PassSummary pass_;
  std::unordered_map<std::string, std::uint32_t> model_of_;
};

// The parent's group when it is a member of the pass at this point of the walk.
bool parent_is_member(const TraceSet& set, const RecordAttrs& attrs, const std::vector<std::uint8_t>& member) {
  const std::uint32_t pg = find_group(set, set.parent_ids[attrs.parent]);
  return pg != kNone && member[pg] != 0;
}

// July 2023 / January 2024 rules: records grouped by id onto the id's first
// record, which keeps what it gained for the next pass.
PassSummary classic_pass(const TraceSet& set, Protocol protocol, Compat compat, std::vector<std::uint8_t>& copies,
                         const SkipLogs& logs, bool streams) {
  std::vector<std::uint8_t> member(set.group_ids.size(), 0);
  for (std::uint32_t g : set.groups_by_id) {
    for (const std::uint32_t* r = set.group_records_begin(g); r != set.group_records_end(g); ++r) {
      const Record& rec = set.records[*r];
      const RecordAttrs* attrs = set.attrs_of(rec);
      if (attrs == nullptr || !attrs->has_parent) {
        if (member[g] == 0 && count_markers(set, rec, Naming::Canonical, protocol) > 0) member[g] = 1;
      } else if (parent_is_member(set, *attrs, member)) {
        member[g] = 1;
      }
    }
  }
  PassBuilder builder(set, protocol, compat, Naming::Canonical, logs, streams);
  for (std::uint32_t g : set.groups_by_id) {
    if (member[g] == 0) continue;
    ++copies[g];
    CountedTrace trace;
    trace.anchor = *set.group_records_begin(g);
    trace.later_copies = copies[g];
    builder.offer(trace);
  }
  return builder.take();
}

// March 2020 rules (lowercase files): every record is a trace of its own, and
// a root record joins the pass once per timestamp name holding the marker.
PassSummary lowercase_pass(const TraceSet& set, Protocol protocol, const SkipLogs& logs) {
  std::vector<std::uint8_t> member(set.group_ids.size(), 0);
  std::vector<std::uint32_t> joined;  // record indices, with repeats
  for (std::uint32_t g : set.groups_by_id) {
    for (const std::uint32_t* r = set.group_records_begin(g); r != set.group_records_end(g); ++r) {
      const Record& rec = set.records[*r];
      const RecordAttrs* attrs = set.attrs_of(rec);
      if (attrs == nullptr || !attrs->has_parent) {
        if (!set.has_timestamps(rec)) {
          const std::string place = "trace " + wide_int_to_string(set.group_ids[g]);
          reject(logs.invalid, "records without parent_id or timestamps", place,
                 place + ": a record without parent_id has no timestamps");
          continue;
        }
        const std::size_t hits = count_markers(set, rec, Naming::Lowercase, protocol);
        if (hits > 0) member[g] = 1;
        joined.insert(joined.end(), hits, *r);
      } else if (parent_is_member(set, *attrs, member)) {
        member[g] = 1;
        joined.push_back(*r);
      }
    }
  }
  PassBuilder builder(set, protocol, Compat::Classic, Naming::Lowercase, logs, false);
  for (std::uint32_t r : joined) {
    CountedTrace trace;
    trace.anchor = r;
    builder.offer(trace);
  }
  return builder.take();
}

}  // namespace

void note_span_starts(PassSummary& pass, const SpanTimes& spans) {
  for (const auto& span : spans) {
    if (!span) continue;
    auto& starts = pass.span_starts;
    if (!starts) starts.emplace(span->start_ns, span->start_ns);
    starts->first = std::min(starts->first, span->start_ns);
    starts->second = std::max(starts->second, span->start_ns);
  }
}

TraceModel trace_model(const TraceSet& set, const CountedTrace& trace) {
  TraceModel model;
  if (trace.later_copies == 0) {  // a lowercase file: the record's own
    if (const RecordAttrs* attrs = set.attrs_of(set.records[trace.anchor])) {
      model.name = attrs->model_name;
      model.version = attrs->model_version;
    }
    return model;
  }
  // The id's first record took the last model_name and model_version of them all.
  const std::uint32_t g = trace_group(set, trace);
  for (const std::uint32_t* r = set.group_records_begin(g); r != set.group_records_end(g); ++r) {
    if (const RecordAttrs* attrs = set.attrs_of(set.records[*r])) {
      if (attrs->model_name != kNone) model.name = attrs->model_name;
      if (attrs->model_version != kNone) model.version = attrs->model_version;
    }
  }
  return model;
}

StampTimes trace_stamp_times(const TraceSet& set, const FileSummary& summary, const CountedTrace& trace) {
  const StampMap map = stamp_map(set, trace, summary.naming);
  StampTimes times;
  for (std::size_t s = 0; s < kStampCount; ++s) {
    if (map.has[s]) times[s] = map.ns[s];
  }
  return times;
}

Compat effective_compat(const FileSummary& summary) {
  return summary.naming == Naming::Lowercase ? Compat::Classic : summary.compat;
}

std::uint32_t find_group(const TraceSet& set, TraceId id) {
  auto it = std::lower_bound(set.groups_by_id.begin(), set.groups_by_id.end(), id,
                             [&set](std::uint32_t g, TraceId value) { return set.group_ids[g] < value; });
  if (it == set.groups_by_id.end() || set.group_ids[*it] != id) return kNone;
  return *it;
}

FileSummary summarize(const TraceSet& set, Compat compat, const SkipLogs& logs, bool streams) {
  FileSummary summary;
  summary.naming = set.naming();
  summary.compat = compat;
  summary.streams = streams;
  summary.representative_mutated.assign(set.group_ids.size(), false);
  if (summary.naming == Naming::Lowercase) {
    summary.http = lowercase_pass(set, Protocol::Http, logs);
    summary.grpc = lowercase_pass(set, Protocol::Grpc, logs);
    return summary;
  }
  std::vector<std::uint8_t> copies(set.group_ids.size(), 0);
  summary.http = classic_pass(set, Protocol::Http, compat, copies, logs, streams);
  summary.grpc = classic_pass(set, Protocol::Grpc, compat, copies, logs, streams);
  for (std::size_t g = 0; g < copies.size(); ++g) summary.representative_mutated[g] = copies[g] > 0;
  return summary;
}

TraceTimes trace_times(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace) {
  TraceTimes times;
  StampMap map = stamp_map(set, trace, summary.naming);
  if (summary.streams && may_stream(map, protocol, summary.naming)) {
    StreamScan scan = scan_stream(set, trace, protocol);
    if (scan.streamed) forget_sends(map, protocol);
    times.stream = std::move(scan.times);
  }
  pair_spans(map, pair_rules(protocol, effective_compat(summary)), summary.naming, times.spans);
  return times;
}

SpanTimes trace_spans(const TraceSet& set, const FileSummary& summary, Protocol protocol, const CountedTrace& trace) {
  return trace_times(set, summary, protocol, trace).spans;
}

}  // namespace trace_summary
