// Helpers shared by the unit tests: load a trace file from a string, run a
// whole report into memory, capture a DataError's text.
#pragma once

#include <string>

#include "base/errors.hpp"
#include "load/loader.hpp"
#include "engine/report.hpp"

namespace trace_summary::testing {

inline TraceSet load_text(const std::string& json) {
  auto input = InputSource::from_memory(json);
  return load_trace_set(*input);
}

inline std::string report_text(const std::string& json, const ReportOptions& options = {},
                               const std::string& name = "t.json") {
  auto input = InputSource::from_memory(json);
  Output out;
  write_report(*input, name, options, out);
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

}  // namespace trace_summary::testing
