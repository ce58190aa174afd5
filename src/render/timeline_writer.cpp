#include "render/timeline_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "base/errors.hpp"
#include "render/json_stream.hpp"

namespace trace_summary {
namespace {

// What every event of one trace carries (its args), and its name.
struct TraceInfo {
  wide_int id;
  std::optional<wide_int> parent_id;
  std::string model, version;
  Protocol protocol;
  std::string handler_name;  // "MODEL (VERSION)": the handler span is named after the model
};

struct Event {
  std::uint32_t track;
  std::uint32_t trace;  // index into the TraceInfos
  const SpanDef* def;
  std::int64_t start_ns, end_ns;
};

// One response of a streamed request: an instant on its track.
struct Mark {
  std::uint32_t track;
  std::uint32_t trace;
  std::uint32_t number;  // 1 for the first response
  std::int64_t ns;
};

// The traces of one report placed on tracks, their events and response marks.
struct Layout {
  std::vector<TraceInfo> traces;
  std::vector<Event> events;
  std::vector<Mark> marks;
  std::vector<std::pair<std::uint32_t, std::string>> track_names;  // track, name
};

struct IdHash {
  std::size_t operator()(wide_int id) const {
    // splitmix64 of both halves: ids that share their low bits still spread.
    auto mix = [](std::uint64_t x) {
      x += 0x9E3779B97F4A7C15ull;
      x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
      x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
      return x ^ (x >> 31);
    };
    const auto v = static_cast<wide_uint>(id);
    return mix(static_cast<std::uint64_t>(v) ^ mix(static_cast<std::uint64_t>(v >> 64)));
  }
};

// One counted trace's place in the forest of parent links.
struct Node {
  std::optional<wide_int> parent;
  std::optional<wide_int> value;  // by the rank key
  std::uint32_t root = 0;         // index of its root node
  Protocol protocol;              // where the cursor hands it out: the pass
  std::uint32_t position;         // and its place in the pass
};

// Every counted trace once (a trace both passes count: the first), with its
// root: the farthest ancestor among the counted traces.
struct Forest {
  std::vector<Node> nodes;
  std::unordered_map<wide_int, std::uint32_t, IdHash> index;
};

Forest build_forest(const FileReport& report, const RankKey& key) {
  Forest forest;
  for (Protocol protocol : kProtocols) {
    std::uint32_t position = 0;
    report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) {
      const auto n = static_cast<std::uint32_t>(forest.nodes.size());
      const std::uint32_t at = position++;
      if (!forest.index.emplace(t.id, n).second) return;
      forest.nodes.push_back({t.parent_id, key.value_ns(t, report.compat()), n, protocol, at});
    });
  }
  std::vector<std::uint8_t> state(forest.nodes.size(), 0);  // 0 new, 1 on the walk, 2 done
  for (std::uint32_t start = 0; start < forest.nodes.size(); ++start) {
    std::vector<std::uint32_t> walk;
    std::uint32_t n = start;
    while (state[n] == 0) {
      state[n] = 1;
      walk.push_back(n);
      const auto& parent = forest.nodes[n].parent;
      auto it = parent ? forest.index.find(*parent) : forest.index.end();
      if (it == forest.index.end() || state[it->second] == 1) break;  // a root, or a cycle of parent ids
      n = it->second;
    }
    const std::uint32_t root = state[n] == 2 ? forest.nodes[n].root : n;
    for (std::uint32_t w : walk) {
      forest.nodes[w].root = root;
      state[w] = 2;
    }
  }
  return forest;
}

// The roots drawn, slowest first: the roots of the --top traces, or the
// `limit` roots with the largest values.
std::vector<std::uint32_t> chosen_roots(const FileReport& report, const Forest& forest, const RequestSelection& top,
                                        std::uint64_t limit) {
  std::vector<std::uint32_t> roots;
  if (top.top > 0) {
    for (const RankedTrace& r : top_traces(report, top.top, top.key)) {
      const std::uint32_t root = forest.nodes[forest.index.at(r.trace.id)].root;
      if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
    }
  } else {
    for (std::uint32_t n = 0; n < forest.nodes.size(); ++n) {
      if (forest.nodes[n].root == n) roots.push_back(n);
    }
    auto slower = [&](std::uint32_t a, std::uint32_t b) {
      const auto& va = forest.nodes[a].value;
      const auto& vb = forest.nodes[b].value;
      if (va.has_value() != vb.has_value()) return va.has_value();
      return va && *va != *vb ? *va > *vb : a < b;
    };
    std::sort(roots.begin(), roots.end(), slower);
  }
  if (roots.size() > limit) roots.resize(limit);
  return roots;
}

// A streamed request: its arrival to its last response as a span, and a
// mark per response.
void add_stream(Layout& layout, std::uint32_t track, std::uint32_t trace, const StreamTimes& stream, Protocol protocol,
                Compat compat) {
  const SpanDef* last = row_by_key("last_response", protocol, compat);
  layout.events.push_back({track, trace, last, stream.arrival_ns, stream.responses_ns.back()});
  for (std::size_t k = 0; k < stream.responses_ns.size(); ++k) {
    const std::int64_t ns = k == 0 ? stream.first_ns : stream.responses_ns[k];
    layout.marks.push_back({track, trace, static_cast<std::uint32_t>(k + 1), ns});
  }
}

Layout lay_out(const FileReport& report, const RequestSelection& top, std::uint64_t limit) {
  const Forest forest = build_forest(report, top.key);
  std::unordered_map<std::uint32_t, std::uint32_t> track_of_root;
  Layout layout;
  for (std::uint32_t root : chosen_roots(report, forest, top, limit)) {
    track_of_root.emplace(root, static_cast<std::uint32_t>(track_of_root.size()));
  }
  layout.track_names.resize(track_of_root.size());
  // The traces drawn: those under a chosen root, where the cursor hands them
  // out (a trace both passes count is drawn where it came first).
  std::array<std::vector<std::uint32_t>, 2> positions;
  for (const Node& node : forest.nodes) {
    if (track_of_root.count(node.root) != 0)
      positions[static_cast<std::size_t>(node.protocol)].push_back(node.position);
  }
  for (Protocol protocol : kProtocols) {
    auto& at = positions[static_cast<std::size_t>(protocol)];
    std::sort(at.begin(), at.end());
    report.for_each_trace_at(protocol, at, TraceDetail::WithoutStamps, [&](const TraceView& t) {
      const std::uint32_t n = forest.index.at(t.id);
      const std::uint32_t track = track_of_root.at(forest.nodes[n].root);
      const std::string model = std::string(t.model_name) + " (" + std::string(t.model_version) + ")";
      if (forest.nodes[n].root == n) {
        layout.track_names[track] = {track, "trace " + wide_int_to_string(t.id) + " " + model};
      }
      const auto index = static_cast<std::uint32_t>(layout.traces.size());
      layout.traces.push_back(
          {t.id, t.parent_id, std::string(t.model_name), std::string(t.model_version), protocol, model});
      for (const SpanDef* def : catalogue_rows(protocol, report.compat())) {
        if (!def->measured || !t.span(def->span)) continue;
        const SpanTime& time = *t.span(def->span);
        layout.events.push_back({track, index, def, time.start_ns, time.end_ns});
      }
      if (t.stream) add_stream(layout, track, index, *t.stream, protocol, report.compat());
    });
  }
  return layout;
}

// Assigns each event of one track a lane in which every event nests inside
// the ones it overlaps: events sorted by start (longest first), each put in
// the first lane whose open events all contain it.
std::vector<std::uint32_t> assign_lanes(const std::vector<const Event*>& events) {
  std::vector<std::vector<std::int64_t>> open_ends;  // per lane: ends of the open events, innermost last
  std::vector<std::uint32_t> lanes;
  for (const Event* e : events) {
    std::uint32_t lane = 0;
    for (; lane < open_ends.size(); ++lane) {
      auto& stack = open_ends[lane];
      while (!stack.empty() && stack.back() <= e->start_ns) stack.pop_back();
      if (stack.empty() || stack.back() >= e->end_ns) break;
    }
    if (lane == open_ends.size()) open_ends.emplace_back();
    open_ends[lane].push_back(e->end_ns);
    lanes.push_back(lane);
  }
  return lanes;
}

// (b - a) in µs, exact in the wide type before the division.
double micros_between(std::int64_t a, std::int64_t b) {
  return static_cast<double>(static_cast<wide_int>(b) - static_cast<wide_int>(a)) / 1000;
}

// The args of an event of `trace`; a response's number with `response`.
void write_args(JsonStream& json, const TraceInfo& trace, std::uint32_t response = 0) {
  json.key("args");
  json.open('{');
  write_id(json, "trace_id", trace.id);
  json.member_text("model", trace.model);
  json.member_text("version", trace.version);
  json.member_text("protocol", protocol_name(trace.protocol));
  if (trace.parent_id) write_id(json, "parent_id", *trace.parent_id);
  if (response > 0) json.member_uint("response", response);
  json.close();
}

// A metadata event naming process `pid` or, with `tid`, a thread.
void write_name(JsonStream& json, const char* what, int pid, std::optional<std::uint32_t> tid,
                const std::string& name) {
  json.member_text("name", what);
  json.member_text("ph", "M");
  json.member_int("pid", pid);
  if (tid) json.member_uint("tid", *tid);
  json.key("args");
  json.open('{');
  json.member_text("name", name);
  json.close();
}

}  // namespace

TimelineSink::TimelineSink(std::string path, std::uint64_t limit, RequestSelection top)
    : file_(std::move(path), "timeline"), limit_(limit), top_(std::move(top)) {
  std::fputs("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", file_.get());
}

TimelineSink::~TimelineSink() = default;

void TimelineSink::event(const std::function<void(JsonStream&)>& members) {
  scratch_.clear();
  {
    JsonStream json(scratch_, /*compact=*/true);
    json.open('{');
    members(json);
    json.close();
  }
  std::string_view text = scratch_.text();
  text.remove_suffix(1);  // the line break that ends a compact document
  if (!first_event_) std::fputc(',', file_.get());
  first_event_ = false;
  std::fputc('\n', file_.get());
  std::fwrite(text.data(), 1, text.size(), file_.get());
}

void TimelineSink::file(const FileReport& report) {
  const int pid = next_pid_++;
  // A file name need not be UTF-8: shown as messages show it (\xNN).
  const std::string process_name = printable(report.display_name());
  event([&](JsonStream& json) { write_name(json, "process_name", pid, std::nullopt, process_name); });
  const Layout layout = lay_out(report, top_, limit_);
  std::int64_t first = 0;
  for (std::size_t i = 0; i < layout.events.size(); ++i) {
    if (i == 0 || layout.events[i].start_ns < first) first = layout.events[i].start_ns;
  }
  std::map<std::uint32_t, std::vector<const Event*>> by_track;
  for (const Event& e : layout.events) by_track[e.track].push_back(&e);
  std::map<std::uint32_t, std::vector<const Mark*>> marks_by_track;
  for (const Mark& m : layout.marks) marks_by_track[m.track].push_back(&m);
  std::uint32_t next_tid = 1;
  for (const auto& [track, name] : layout.track_names) {
    std::vector<const Event*>& events = by_track[track];
    std::stable_sort(events.begin(), events.end(), [](const Event* a, const Event* b) {
      return a->start_ns != b->start_ns ? a->start_ns < b->start_ns : a->end_ns > b->end_ns;
    });
    const std::vector<std::uint32_t> lanes = assign_lanes(events);
    const std::uint32_t lane_count = lanes.empty() ? 1 : *std::max_element(lanes.begin(), lanes.end()) + 1;
    for (std::uint32_t lane = 0; lane < lane_count; ++lane) {
      const std::string lane_name = lane == 0 ? name : name + " (overlap " + std::to_string(lane) + ")";
      event([&](JsonStream& json) { write_name(json, "thread_name", pid, next_tid + lane, lane_name); });
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Event& e = *events[i];
      const TraceInfo& trace = layout.traces[e.trace];
      const std::string_view label = e.def->span == Span::Request ? trace.handler_name : e.def->label;
      event([&](JsonStream& json) {
        json.member_text("name", label);
        json.member_text("cat", e.def->key);
        json.member_text("ph", "X");
        json.member_double("ts", micros_between(first, e.start_ns));
        json.member_double("dur", micros_between(e.start_ns, e.end_ns));
        json.member_int("pid", pid);
        json.member_uint("tid", next_tid + lanes[i]);
        write_args(json, trace);
      });
    }
    for (const Mark* m : marks_by_track[track]) {
      event([&](JsonStream& json) {  // a response of a streamed request: an instant on the first lane
        json.member_text("name", "Response " + std::to_string(m->number));
        json.member_text("cat", "response");
        json.member_text("ph", "i");
        json.member_text("s", "t");
        json.member_double("ts", micros_between(first, m->ns));
        json.member_int("pid", pid);
        json.member_uint("tid", next_tid);
        write_args(json, layout.traces[m->trace], m->number);
      });
    }
    next_tid += lane_count;
  }
}

void TimelineSink::end() {
  std::fputs("\n]}\n", file_.get());
  file_.commit();
}

}  // namespace trace_summary
