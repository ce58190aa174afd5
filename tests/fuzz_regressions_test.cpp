// Every input that once made the fuzz target fail (tests/fuzz/regressions),
// run the way the target runs it: the first byte picks the options.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/fuzz_driver.hpp"

namespace trace_summary {
namespace {

TEST(FuzzRegressions, EveryInputEndsInASummaryOrADataError) {
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TRACE_SUMMARY_FUZZ_REGRESSIONS)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (bytes.empty()) continue;
    const std::string result = testing::run_fuzz_input(bytes, ::testing::TempDir() + "fuzz_timeline.json");
    SUCCEED() << entry.path() << ": " << result;
    ++inputs;
  }
  EXPECT_GT(inputs, 0u);
}

// The hostile seeds of the fuzz targets (tests/fuzz/seeds: deep shapes, deep
// parent chains, colliding ids, extreme numbers, in trace files and OTLP)
// under every format and option the first byte picks: each ends in a
// summary or a DataError (the fuzz build adds ASan and UBSan to this).
TEST(FuzzRegressions, EveryHostileSeedUnderEveryFormatEndsInASummaryOrADataError) {
  std::size_t seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TRACE_SUMMARY_FUZZ_SEEDS)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // Formats (bits 4-5) with -t, with -v --skip-invalid --compat current,
    // with --model, and with --merge and a timeline.
    for (const unsigned flags : {0x02u, 0x0Fu, 0x12u, 0x1Eu, 0x22u, 0x2Eu, 0x32u, 0x3Eu, 0x42u, 0x82u, 0xB2u}) {
      const std::string result =
          testing::run_fuzz_input(std::string(1, static_cast<char>(flags)) + bytes, ::testing::TempDir() + "seed.json");
      SUCCEED() << entry.path() << " flags " << flags << ": " << result;
    }
    ++seeds;
  }
  EXPECT_GE(seeds, 8u);
}

}  // namespace
}  // namespace trace_summary
