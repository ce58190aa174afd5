#include "render/timeline_writer.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "render/json_renderer.hpp"

namespace trace_summary {
namespace {

struct EventSpec {
  const char* name;
  const char* key;
  Stamp start, end;
};

// The spans drawn for a trace, outermost first: three of the frontend, six
// of the handler (the handler named after the model).
std::array<EventSpec, 9> event_specs(Protocol protocol, Compat compat) {
  const bool http = protocol == Protocol::Http;
  const Stamp grpc_start = compat == Compat::Classic ? Stamp::GrpcWaitreadStart : Stamp::GrpcWaitreadEnd;
  return {{
      http ? EventSpec{"HTTP infer request", "http_infer", Stamp::HttpRecvStart, Stamp::HttpSendEnd}
           : EventSpec{"GRPC infer request", "grpc_infer", grpc_start, Stamp::GrpcSendEnd},
      http ? EventSpec{"Receive", "http_receive", Stamp::HttpRecvStart, Stamp::HttpRecvEnd}
           : EventSpec{"Wait/Read", "grpc_wait_read", Stamp::GrpcWaitreadStart, Stamp::GrpcWaitreadEnd},
      http ? EventSpec{"Send", "http_send", Stamp::HttpSendStart, Stamp::HttpSendEnd}
           : EventSpec{"Send", "grpc_send", Stamp::GrpcSendStart, Stamp::GrpcSendEnd},
      EventSpec{nullptr, "handler", Stamp::RequestStart, Stamp::RequestEnd},
      EventSpec{"Queue", "queue", Stamp::QueueStart, Stamp::ComputeStart},
      EventSpec{"Compute", "compute", Stamp::ComputeStart, Stamp::ComputeEnd},
      EventSpec{"Input", "compute_input", Stamp::ComputeStart, Stamp::ComputeInputEnd},
      EventSpec{"Infer", "compute_infer", Stamp::ComputeInputEnd, Stamp::ComputeOutputStart},
      EventSpec{"Output", "compute_output", Stamp::ComputeOutputStart, Stamp::ComputeEnd},
  }};
}

struct Placed {
  const CountedTrace* trace;
  Protocol protocol;
  std::uint32_t track;  // the group of its root trace
};

}  // namespace

TimelineWriter::TimelineWriter(const std::string& path, std::uint64_t limit)
    : file_(std::fopen(path.c_str(), "wb")), path_(path), limit_(limit) {
  if (file_ == nullptr) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  std::fputs("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", file_);
}

TimelineWriter::~TimelineWriter() {
  if (!finished_) {
    try {
      finish();
    } catch (const std::runtime_error&) {
      // Reported by the explicit finish().
    }
  }
}

void TimelineWriter::event(const std::string& json) {
  if (!first_event_) std::fputc(',', file_);
  first_event_ = false;
  std::fputs("\n", file_);
  std::fputs(json.c_str(), file_);
}

void TimelineWriter::add_file(const TraceSet& set, const FileSummary& summary, const std::string& display_name) {
  const int pid = next_pid_++;
  event(OrderedJson{{"name", "process_name"}, {"ph", "M"}, {"pid", pid}, {"args", {{"name", display_name}}}}.dump());
  // Each id once (a trace counted by both passes), on its root's track.
  std::unordered_map<std::uint32_t, std::uint32_t> track_of;  // group -> track group
  std::vector<Placed> placed;
  std::uint64_t roots = 0;
  for (const PassSummary* pass : {&summary.http, &summary.grpc}) {
    for (const CountedTrace& trace : pass->traces) {
      const std::uint32_t g = trace_group(set, trace);
      if (track_of.count(g) != 0) continue;
      const RecordAttrs* anchor = set.attrs_of(set.records[trace.anchor]);
      std::uint32_t track = g;
      if (anchor != nullptr && anchor->has_parent) {
        auto parent = track_of.find(find_group(set, set.parent_ids[anchor->parent]));
        if (parent != track_of.end()) track = parent->second;
      }
      if (track == g && roots++ >= limit_) continue;
      track_of[g] = track;
      placed.push_back({&trace, pass->protocol, track});
    }
  }
  const Compat compat = summary.naming == Naming::Lowercase ? Compat::Classic : summary.compat;
  std::vector<StampTimes> times;
  std::optional<std::int64_t> first;
  for (const Placed& p : placed) {
    times.push_back(trace_stamp_times(set, summary, *p.trace));
    for (const auto& t : times.back()) {
      if (t && (!first || *t < *first)) first = *t;
    }
  }
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Placed& p = placed[i];
    const TraceModel model = trace_model(set, *p.trace);
    const std::string model_text = set.values[model.name].text + " (" + set.values[model.version].text + ")";
    const TraceId id = set.group_ids[trace_group(set, *p.trace)];
    if (p.track == trace_group(set, *p.trace)) {
      event(OrderedJson{{"name", "thread_name"}, {"ph", "M"}, {"pid", pid}, {"tid", p.track + 1},
                        {"args", {{"name", "trace " + wide_int_to_string(id) + " " + model_text}}}}
                .dump());
    }
    const RecordAttrs* anchor = set.attrs_of(set.records[p.trace->anchor]);
    OrderedJson args = {{"trace_id", json_id(id)}, {"model", set.values[model.name].text},
                        {"version", set.values[model.version].text}, {"protocol", protocol_name(p.protocol)}};
    if (anchor != nullptr && anchor->has_parent) args["parent_id"] = json_id(set.parent_ids[anchor->parent]);
    for (const EventSpec& spec : event_specs(p.protocol, compat)) {
      const auto& start = times[i][static_cast<std::size_t>(spec.start)];
      const auto& end = times[i][static_cast<std::size_t>(spec.end)];
      if (!start || !end || *end < *start) continue;
      event(OrderedJson{{"name", spec.name != nullptr ? std::string(spec.name) : model_text},
                        {"cat", spec.key},
                        {"ph", "X"},
                        {"ts", static_cast<double>(*start - *first) / 1000},
                        {"dur", static_cast<double>(*end - *start) / 1000},
                        {"pid", pid},
                        {"tid", p.track + 1},
                        {"args", args}}
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }
}

void TimelineWriter::finish() {
  if (finished_) return;
  finished_ = true;
  std::fputs("\n]}\n", file_);
  const bool failed = std::ferror(file_) != 0;
  if (std::fclose(file_) != 0 || failed) throw std::runtime_error("cannot write " + path_);
}

}  // namespace trace_summary
