// Every input that once made the fuzz target fail (tests/fuzz/regressions),
// run the way the target runs it: the first byte picks the options.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "test_support.hpp"

namespace trace_summary {
namespace {

TEST(FuzzRegressions, EveryInputEndsInASummaryOrADataError) {
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TRACE_SUMMARY_FUZZ_REGRESSIONS)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (bytes.empty()) continue;
    const auto flags = static_cast<unsigned char>(bytes[0]);
    ReportOptions options;
    options.verbose = (flags & 1) != 0;
    options.show_trace = (flags & 2) != 0;
    options.skip_invalid = (flags & 4) != 0;
    options.compat = (flags & 8) != 0 ? Compat::Current : Compat::Classic;
    const std::string result = testing::error_of([&] { testing::report_text(bytes.substr(1), options); });
    SUCCEED() << entry.path() << ": " << result;
    ++inputs;
  }
  EXPECT_GT(inputs, 0u);
}

}  // namespace
}  // namespace trace_summary
