#include "engine/stream_times.hpp"

#include <algorithm>
#include <vector>

namespace trace_summary {
namespace {

// The stamps of one trace that streaming reads, with repeats.
struct StreamStamps {
  std::optional<std::int64_t> arrival;  // the last nonzero HTTP_RECV_START / GRPC_WAITREAD_END
  std::vector<std::int64_t> sends;      // every send start and end, 0 included
  std::size_t send_ends = 0;
  std::vector<std::int64_t> send_end_times;  // nonzero send ends
  std::vector<std::int64_t> completes;       // nonzero INFER_RESPONSE_COMPLETE
};

StreamStamps collect(const TraceSet& set, const CountedTrace& trace, Protocol protocol) {
  const bool http = protocol == Protocol::Http;
  const Stamp arrival = http ? Stamp::HttpRecvStart : Stamp::GrpcWaitreadEnd;
  const Stamp send_start = http ? Stamp::HttpSendStart : Stamp::GrpcSendStart;
  const Stamp send_end = http ? Stamp::HttpSendEnd : Stamp::GrpcSendEnd;
  constexpr auto canonical = static_cast<std::size_t>(Naming::Canonical);
  StreamStamps out;
  CountedTrace once = trace;  // the script's repeats of later records are no responses
  once.later_copies = std::min<std::uint8_t>(trace.later_copies, 1);
  for_each_timestamp(set, once, [&](NameId name, std::int64_t ns) {
    const NameInfo& info = set.names.info(name);
    if (info.response_complete) {
      if (ns != 0) out.completes.push_back(ns);
      return;
    }
    const auto& stamp = info.stamp[canonical];
    if (!stamp) return;
    if (*stamp == arrival && ns != 0) out.arrival = ns;
    if (*stamp == send_start || *stamp == send_end) out.sends.push_back(ns);
    if (*stamp == send_end) {
      ++out.send_ends;
      if (ns != 0) out.send_end_times.push_back(ns);
    }
  });
  return out;
}

// HTTP chunks are sent with stamps of 0; in OpenTelemetry mode 0 becomes the
// request's time offset, one value before the request arrived.
bool sends_not_captured(const StreamStamps& s) {
  if (s.sends.empty()) return false;
  const std::int64_t v = s.sends.front();
  if (std::any_of(s.sends.begin(), s.sends.end(), [v](std::int64_t x) { return x != v; })) return false;
  return v == 0 || (s.arrival && v < *s.arrival);
}

std::string count_text(std::size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

void read_http(StreamStamps& s, StreamScan& scan) {
  std::sort(s.completes.begin(), s.completes.end());
  if (s.send_ends == 0) {
    scan.problem = "HTTP_SEND_START is not captured and there is no HTTP_SEND_END";
    return;
  }
  if (s.completes.size() < s.send_ends) {
    scan.problem = count_text(s.send_ends, "chunk") + " sent (HTTP_SEND_END) but " +
                   count_text(s.completes.size(), "INFER_RESPONSE_COMPLETE");
    return;
  }
  // A callback after the last chunk carries only the final flag.
  s.completes.resize(s.send_ends);
  scan.times = StreamTimes{*s.arrival, s.completes.front(), std::move(s.completes)};
}

void read_grpc(StreamStamps& s, StreamScan& scan) {
  std::sort(s.send_end_times.begin(), s.send_end_times.end());
  if (s.send_end_times.size() < s.send_ends) {
    scan.problem = "a GRPC_SEND_END of a streamed request is 0";
    return;
  }
  std::int64_t first = s.send_end_times.front();
  if (!s.completes.empty()) first = std::min(first, *std::min_element(s.completes.begin(), s.completes.end()));
  scan.times = StreamTimes{*s.arrival, first, std::move(s.send_end_times)};
}

}  // namespace

StreamScan scan_stream(const TraceSet& set, const CountedTrace& trace, Protocol protocol) {
  StreamStamps s = collect(set, trace, protocol);
  StreamScan scan;
  const bool http = protocol == Protocol::Http;
  scan.sends_not_captured = http && sends_not_captured(s);
  if (scan.sends_not_captured) scan.uncaptured_send_ns = s.sends.front();
  scan.streamed = s.send_ends > 1 || scan.sends_not_captured;
  if (!scan.streamed) return scan;
  if (!s.arrival) {
    scan.problem = std::string("a streamed request without ") + (http ? "HTTP_RECV_START" : "GRPC_WAITREAD_END");
    return scan;
  }
  http ? read_http(s, scan) : read_grpc(s, scan);
  if (scan.times && scan.times->first_ns < scan.times->arrival_ns) {
    scan.problem = "the first response " + std::to_string(scan.times->first_ns) + " is before the request arrived " +
                   std::to_string(scan.times->arrival_ns);
    scan.times.reset();
  }
  return scan;
}

}  // namespace trace_summary
