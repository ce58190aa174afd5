// --fail-if: each form of a rule parsed, its errors, and which rows break it.
#include <gtest/gtest.h>

#include "compare/fail_rule.hpp"
#include "compare_test_support.hpp"

namespace trace_summary {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_fail_rule(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(FailRule, Forms) {
  FailRule r = parse_fail_rule("p99>+10%");
  EXPECT_FALSE(r.model);
  EXPECT_FALSE(r.span);
  EXPECT_EQ(r.statistic.name(), "p99");
  EXPECT_TRUE(r.slower);
  EXPECT_DOUBLE_EQ(r.threshold, 10);
  EXPECT_TRUE(r.percent);

  r = parse_fail_rule("queue:mean>+200us");
  EXPECT_EQ(*r.span, "queue");
  EXPECT_FALSE(r.model);
  EXPECT_FALSE(r.percent);
  EXPECT_DOUBLE_EQ(r.threshold, 200);

  r = parse_fail_rule("resnet50:p99.9<-5%");
  EXPECT_EQ(*r.model, "resnet50");
  EXPECT_FALSE(r.span);
  EXPECT_EQ(r.statistic.name(), "p99.9");
  EXPECT_FALSE(r.slower);
  EXPECT_DOUBLE_EQ(r.threshold, -5);

  r = parse_fail_rule("ns:resnet50:compute_infer:max>+1.5%");
  EXPECT_EQ(*r.model, "ns:resnet50");
  EXPECT_EQ(*r.span, "compute_infer");
  EXPECT_EQ(r.statistic.name(), "max");

  r = parse_fail_rule("*:handler:count<-10");
  EXPECT_EQ(r.statistic.kind, Statistic::Kind::Count);
  EXPECT_FALSE(r.percent);
  EXPECT_DOUBLE_EQ(r.threshold, -10);

  EXPECT_DOUBLE_EQ(parse_fail_rule("p50>3\xC2\xB5s").threshold, 3);
}

TEST(FailRule, Errors) {
  EXPECT_EQ(error_of("p99"), "--fail-if 'p99': give STATISTIC>THRESHOLD or STATISTIC<THRESHOLD, e.g. p99>+10%");
  EXPECT_EQ(error_of("p101>+1%"),
            "--fail-if 'p101>+1%': 'p101' is not a statistic (count, mean, max, p50, p99.9, ...)");
  EXPECT_EQ(error_of("p99>+10"),
            "--fail-if 'p99>+10': give the threshold in percent or microseconds, e.g. +10% or +200us");
  EXPECT_EQ(error_of("p99>ten%"), "--fail-if 'p99>ten%': 'ten%' is not a threshold such as +10% or +200us");
  EXPECT_EQ(error_of("m:queu:p99>+1%"),
            "--fail-if 'm:queu:p99>+1%': 'queu' is not a span key (queue, compute_infer, handler, ...)");
  EXPECT_EQ(error_of(":p99>+1%"), "--fail-if ':p99>+1%': the model name is empty");
}

TEST(FailRule, BrokenOnlyBySignificantChangesBeyondTheThreshold) {
  std::vector<testing::Request> base, now;
  for (int i = 0; i < 30; ++i) {
    base.push_back({"m", 10000 + 100 * i});  // queue mean 11.45 µs
    now.push_back({"m", 12000 + 100 * i});   // +2 µs: +17.5%
    base.push_back({"other", 10000 + 100 * i});
    now.push_back({"other", 10000 + 100 * i});
  }
  const Comparison c = testing::compare_runs(base, now);
  auto broken = [&c](const std::string& text) {
    const std::vector<FailRule> rules = {parse_fail_rule(text)};
    std::vector<std::string> where;
    for (const Violation& v : broken_rules(c, rules))
      where.push_back(v.model->name + ":" + std::string(v.row->def->key));
    return where;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(broken("queue:mean>+17%"), V({"m:queue"}));
  EXPECT_EQ(broken("queue:mean>+18%"), V());
  EXPECT_EQ(broken("queue:mean>+1.9us"), V({"m:queue"}));
  EXPECT_EQ(broken("queue:mean>+2.1us"), V());
  EXPECT_EQ(broken("queue:mean<-1%"), V());  // slower, not faster
  EXPECT_EQ(broken("other:mean>+0%"), V());  // no change
  EXPECT_EQ(broken("m:p50>+10%"), V({"m:queue"}));
  EXPECT_EQ(broken("m:p50>+1%"), V({"m:http_infer", "m:handler", "m:queue"}));  // +1.4%, +1.8%, +17.5%
  EXPECT_EQ(broken("compute:p99>+0%"), V());                                    // compute did not move
  EXPECT_EQ(broken("m:handler:count<-1%"), V());
}

TEST(FailRule, AFasterRunBreaksALessThanRule) {
  std::vector<testing::Request> base, now;
  for (int i = 0; i < 20; ++i) {
    base.push_back({"m", 20000 + 100 * i});
    now.push_back({"m", 10000 + 100 * i});
  }
  const Comparison c = testing::compare_runs(base, now);
  const std::vector<FailRule> rules = {parse_fail_rule("m:queue:p90<-40%")};
  const auto v = broken_rules(c, rules);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(describe(v[0]).rfind("rule 'm:queue:p90<-40%' broken by HTTP m (1) queue: p90 -", 0), 0u) << describe(v[0]);
}

}  // namespace
}  // namespace trace_summary
