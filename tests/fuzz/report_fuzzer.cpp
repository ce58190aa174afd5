// libFuzzer target: any bytes through the loader, the engine and every
// renderer, with each option combination (tests/fuzz/fuzz_driver.hpp). Bad
// data may only end in DataError; anything else (a crash, a sanitizer
// report, another exception, a hang) is a finding.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_driver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string timeline = "/tmp/report_fuzzer." + std::to_string(::getpid()) + ".timeline.json";
  trace_summary::testing::run_fuzz_input(std::string(reinterpret_cast<const char*>(data), size), timeline);
  return 0;
}
