// libFuzzer target for OpenTelemetry mode: any bytes, read as OTLP/JSON
// (collector lines or request bodies), through the mapping, the engine and
// the renderers, with each option combination (fuzz_driver.hpp). With bit
// 16 of the flags, the input is spans placed in an export request, so that
// mutations reach the span fields more often than the envelope. Bad data
// may only end in DataError; anything else is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_driver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string timeline = "/tmp/otlp_fuzzer." + std::to_string(::getpid()) + ".timeline.json";
  const auto flags = static_cast<char>(data[0] & ~16);
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 16) != 0) bytes = R"({"resourceSpans":[{"scopeSpans":[{"spans":[)" + bytes + "]}]}]}";
  trace_summary::testing::run_fuzz_input(flags + bytes, timeline);
  return 0;
}
