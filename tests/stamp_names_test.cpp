// Timestamp names: canonical and lowercase spellings, pass markers, and how a
// file's naming is detected.
#include "base/stamp_names.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace trace_summary {
namespace {

constexpr auto kCanonical = static_cast<std::size_t>(Naming::Canonical);
constexpr auto kLowercase = static_cast<std::size_t>(Naming::Lowercase);
constexpr auto kHttp = static_cast<std::size_t>(Protocol::Http);
constexpr auto kGrpc = static_cast<std::size_t>(Protocol::Grpc);

TEST(StampNames, EveryStampHasBothSpellings) {
  EXPECT_EQ(stamp_name(Stamp::GrpcWaitreadStart, Naming::Canonical), "GRPC_WAITREAD_START");
  EXPECT_EQ(stamp_name(Stamp::GrpcWaitreadStart, Naming::Lowercase), "grpc wait/read start");
  EXPECT_EQ(stamp_name(Stamp::RequestEnd, Naming::Lowercase), "request handler end");
  EXPECT_EQ(stamp_name(Stamp::ComputeOutputStart, Naming::Canonical), "COMPUTE_OUTPUT_START");
  NameTable table;
  for (std::size_t i = 0; i < kStampCount; ++i) {
    const auto stamp = static_cast<Stamp>(i);
    for (Naming naming : {Naming::Canonical, Naming::Lowercase}) {
      const NameInfo& info = table.info(*table.intern(stamp_name(stamp, naming)));
      EXPECT_EQ(info.stamp[static_cast<std::size_t>(naming)], stamp) << info.text;
    }
  }
}

TEST(StampNames, InterningReturnsTheSameId) {
  NameTable table;
  const auto a = table.intern("QUEUE_START");
  const auto b = table.intern("CUSTOM");
  EXPECT_NE(a, b);
  EXPECT_EQ(table.intern("QUEUE_START"), a);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_FALSE(table.info(*b).stamp[kCanonical]);
}

TEST(StampNames, MarkersMatchAsSubstrings) {
  NameTable table;
  const NameInfo& custom = table.info(*table.intern("X_HTTP_RECV_START_Y"));
  EXPECT_TRUE(custom.contains_marker[kCanonical][kHttp]);
  EXPECT_FALSE(custom.contains_marker[kCanonical][kGrpc]);
  EXPECT_FALSE(custom.stamp[kCanonical]);
  const NameInfo& lower = table.info(*table.intern("grpc wait/read start"));
  EXPECT_TRUE(lower.contains_marker[kLowercase][kGrpc]);
  EXPECT_FALSE(lower.contains_marker[kCanonical][kGrpc]);
  EXPECT_TRUE(table.info(*table.intern("GRPC_WAITREAD_END")).grpc_waitread_prefix);
  EXPECT_FALSE(table.info(*table.intern("GRPC_SEND_END")).grpc_waitread_prefix);
}

TEST(Naming, LowercaseOnlyWhenNoCanonicalNameAppears) {
  using testing::load_text;
  EXPECT_EQ(load_text(R"([{"id":1,"timestamps":[{"name":"queue start","ns":1}]}])").naming(), Naming::Lowercase);
  EXPECT_EQ(load_text(R"([{"id":1,"timestamps":[{"name":"QUEUE_START","ns":1}]}])").naming(), Naming::Canonical);
  EXPECT_EQ(load_text(R"([{"id":1,"timestamps":[{"name":"queue start","ns":1},{"name":"REQUEST_END","ns":2}]}])")
                .naming(),
            Naming::Canonical);
  EXPECT_EQ(load_text(R"([{"id":1,"timestamps":[{"name":"other","ns":1}]}])").naming(), Naming::Canonical);
  EXPECT_EQ(load_text("[]").naming(), Naming::Canonical);
}

}  // namespace
}  // namespace trace_summary
