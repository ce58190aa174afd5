// The progress line's text.
#include "io/progress.hpp"

#include <gtest/gtest.h>

namespace trace_summary {
namespace {

TEST(ProgressLine, ShowsBytesShareAndSpeed) {
  EXPECT_EQ(ProgressLine::text("trace.json", 512'000'000, 1'100'000'000, 2.0),
            "trace.json: read 512 MB of 1100 MB (46%), 256 MB/s");
  EXPECT_EQ(ProgressLine::text("<stdin>", 300'000'000, 0, 1.5), "<stdin>: read 300 MB, 200 MB/s");
  EXPECT_EQ(ProgressLine::text("big.json", 12'345'000'000ull, 20'000'000'000ull, 10.0),
            "big.json: read 12.3 GB of 20.0 GB (61%), 1234 MB/s");
}

// A file that grows while it is read: never more read than its size.
TEST(ProgressLine, NeverShowsMoreReadThanTheTotal) {
  EXPECT_EQ(ProgressLine::text("t.json", 251'000'000, 249'000'000, 1.0), "t.json: read 249 MB of 249 MB (100%), 249 MB/s");
}

// Cut to one character less than the width (UTF-8 sequences count one each).
TEST(ProgressLine, FitsTheTerminalWidth) {
  EXPECT_EQ(ProgressLine::fit("abcdef", 80), "abcdef");
  EXPECT_EQ(ProgressLine::fit("abcdef", 5), "abcd");
  EXPECT_EQ(ProgressLine::fit("\xc3\xa9\xc3\xa9\xc3\xa9", 3), "\xc3\xa9\xc3\xa9");
  EXPECT_EQ(ProgressLine::fit("abc", 1), "");
}

}  // namespace
}  // namespace trace_summary
