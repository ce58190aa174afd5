// Runs for the comparison tests: HTTP traces built by hand, whose queue time
// is chosen per trace and whose other spans are fixed, made into reports.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compare/comparison.hpp"
#include "engine/report_builder.hpp"

namespace trace_summary::testing {

/// `text` as the inside of a JSON string (quotes and backslashes escaped).
inline std::string json_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

/// One request to `model` whose queue takes `queue_ns`.
struct Request {
  std::string model;
  std::int64_t queue_ns;
};

/// A trace file of `requests`: receive 10 µs, 5 µs to the handler, queue,
/// compute 100 µs, 5 µs to the send, send 10 µs.
inline std::string trace_file(const std::vector<Request>& requests) {
  std::string out = "[";
  std::int64_t t = 1000000;
  std::uint64_t id = 1;
  for (const Request& r : requests) {
    const std::vector<std::pair<const char*, std::int64_t>> stamps = {{"HTTP_RECV_START", 0},
                                                                      {"HTTP_RECV_END", 10000},
                                                                      {"REQUEST_START", 15000},
                                                                      {"QUEUE_START", 15000},
                                                                      {"COMPUTE_START", 15000 + r.queue_ns},
                                                                      {"COMPUTE_END", 115000 + r.queue_ns},
                                                                      {"REQUEST_END", 115000 + r.queue_ns},
                                                                      {"HTTP_SEND_START", 120000 + r.queue_ns},
                                                                      {"HTTP_SEND_END", 130000 + r.queue_ns}};
    out += (id == 1 ? "" : ",") + std::string("{\"id\":") + std::to_string(id) + ",\"model_name\":\"" +
           json_escaped(r.model) + "\",\"model_version\":1,\"timestamps\":[";
    for (std::size_t i = 0; i < stamps.size(); ++i) {
      out += (i ? "," : "") + std::string("{\"name\":\"") + stamps[i].first +
             "\",\"ns\":" + std::to_string(t + stamps[i].second) + "}";
    }
    out += "]}";
    t += 1000000;
    ++id;
  }
  return out + "]";
}

inline std::unique_ptr<FileReport> run_report(const std::vector<Request>& requests, const std::string& name) {
  auto input = InputSource::from_memory(trace_file(requests));
  return build_report({{name, input.get()}}, name, {}, {});
}

/// The comparison of two runs built from requests.
inline Comparison compare_runs(const std::vector<Request>& base, const std::vector<Request>& now,
                               const CompareOptions& options = {}) {
  const auto b = run_report(base, "base.json");
  const auto n = run_report(now, "new.json");
  return compare_reports(*b, *n, options);
}

inline const RowComparison& row_of(const Comparison& c, const std::string& model, const std::string& key) {
  for (const ModelComparison& m : c.models) {
    for (const RowComparison& r : m.rows) {
      if (m.name == model && r.def->key == key) return r;
    }
  }
  throw std::runtime_error("no row " + model + " " + key);
}

}  // namespace trace_summary::testing
