// Helpers shared by the unit tests: load a trace file from a string, run a
// whole report into memory, capture a DataError's text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/format_sink.hpp"
#include "base/errors.hpp"
#include "engine/report_builder.hpp"
#include "load/loader.hpp"

namespace trace_summary::testing {

/// Every stage's options in one place, as the command line sets them.
struct ReportOptions {
  bool verbose = false;
  bool show_trace = false;
  bool skip_invalid = false;
  Compat compat = Compat::Classic;
  std::string format = "text";
  std::vector<double> percentiles = {50, 90, 99};
  std::vector<std::string> models;
  unsigned jobs = 1;
};

inline TraceSet load_text(const std::string& json) {
  auto input = InputSource::from_memory(json);
  return load_trace_set(*input);
}

/// One report of `inputs` (several: merged) in the chosen format, as a whole
/// document (CSV header and JSON envelope included).
inline void write_report(const std::vector<NamedInput>& inputs, const std::string& name, const ReportOptions& options,
                         Output& out) {
  const OutputOptions output{options.format, options.verbose, options.show_trace, options.percentiles};
  const std::unique_ptr<ReportSink> sink = make_format_sink(output, options.compat, out);
  sink->begin();
  const auto report = build_report(inputs, name, {options.verbose, options.skip_invalid, options.jobs},
                                   {options.compat, options.models, options.format != "text"});
  sink->file(*report);
  sink->end();
}

inline std::string report_text(const std::string& json, const ReportOptions& options = {},
                               const std::string& name = "t.json") {
  auto input = InputSource::from_memory(json);
  Output out;
  write_report({{name, input.get()}}, name, options, out);
  return out.text();
}

/// The DataError message `fn` throws, or "no error".
template <typename Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

inline std::string load_error(const std::string& json) {
  return error_of([&] { load_text(json); });
}

inline std::string report_error(const std::string& json, const ReportOptions& options = {}) {
  return error_of([&] { report_text(json, options); });
}

/// One timestamp object of a trace-file record: {"name":NAME,"ns":NS}.
inline std::string stamp(const char* name, long long ns) {
  return R"({"name":")" + std::string(name) + R"(","ns":)" + std::to_string(ns) + "}";
}

}  // namespace trace_summary::testing
