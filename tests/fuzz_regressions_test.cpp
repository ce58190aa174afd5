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

}  // namespace
}  // namespace trace_summary
