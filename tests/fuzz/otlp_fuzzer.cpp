// libFuzzer target for OpenTelemetry mode: any bytes, read as OTLP/JSON
// (collector lines or request bodies), through the mapping, the engine and
// the renderers, with each option combination. Bad data may only end in
// DataError; anything else (a crash, a sanitizer report, another exception,
// a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/errors.hpp"
#include "engine/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the options; the rest is the input. With bit 16,
  // the input is spans placed in an export request, so that mutations reach
  // the span fields more often than the envelope.
  const std::uint8_t flags = data[0];
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((flags & 16) != 0) bytes = R"({"resourceSpans":[{"scopeSpans":[{"spans":[)" + bytes + "]}]}]}";
  trace_summary::ReportOptions options;
  options.show_trace = (flags & 2) != 0;
  options.skip_invalid = (flags & 4) != 0;
  options.compat = (flags & 8) != 0 ? trace_summary::Compat::Current : trace_summary::Compat::Classic;
  options.format = (flags & 32) != 0 ? trace_summary::Format::Table : trace_summary::Format::Text;
  auto input = trace_summary::InputSource::from_memory(bytes);
  trace_summary::Output out;
  try {
    trace_summary::write_report(*input, "fuzz.jsonl", options, out);
  } catch (const trace_summary::DataError&) {
    // Bad data is reported, not a finding.
  }
  return 0;
}
