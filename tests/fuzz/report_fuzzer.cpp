// libFuzzer target: any bytes through the loader, the engine and every
// renderer, with each option combination. Bad data may only end in
// DataError; anything else (a crash, a sanitizer report, another exception,
// a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/errors.hpp"
#include "engine/report.hpp"

namespace {

void run_once(const std::string& bytes, const trace_summary::ReportOptions& options) {
  auto input = trace_summary::InputSource::from_memory(bytes);
  trace_summary::Output out;
  try {
    trace_summary::write_report(*input, "fuzz.json", options, out);
  } catch (const trace_summary::DataError&) {
    // Bad data is reported, not a finding.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the options; the rest is the file.
  const std::uint8_t flags = data[0];
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  trace_summary::ReportOptions options;
  options.verbose = (flags & 1) != 0;
  options.show_trace = (flags & 2) != 0;
  options.skip_invalid = (flags & 4) != 0;
  options.compat = (flags & 8) != 0 ? trace_summary::Compat::Current : trace_summary::Compat::Classic;
  run_once(bytes, options);
  return 0;
}
