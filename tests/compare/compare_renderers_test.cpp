// The formats of a comparison: the text table within 80 columns, the JSON
// document against docs/compare-output.schema.json, the CSV read back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "compare/compare_renderers.hpp"
#include "compare_test_support.hpp"
#include "json_schema_check.hpp"

namespace trace_summary {
namespace {

Comparison sample() {
  std::vector<testing::Request> base, now;
  for (int i = 0; i < 30; ++i) {
    base.push_back({"resnet50", 10000 + 100 * i});
    now.push_back({"resnet50", 900000000000 + 100 * i});  // 15 minutes: the widest numbers
    base.push_back({"name, with \"quotes\"", 1000});
  }
  now.push_back({"only_new", 1000});
  CompareOptions options;
  options.percentiles = {50, 99.9};
  return testing::compare_runs(base, now, options);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(CompareText, FitsEightyColumns) {
  Output out;
  write_comparison_text(sample(), out);
  for (const std::string& line : lines_of(out.text())) EXPECT_LE(columns(line), 80u) << line;
  EXPECT_NE(out.text().find("HTTP only_new (1): only in new (1 traces)"), std::string::npos);
  EXPECT_NE(out.text().find("HTTP name, with \"quotes\" (1): only in base (30 traces)"), std::string::npos);
}

TEST(CompareJson, MatchesItsSchema) {
  std::ifstream schema_file(TRACE_SUMMARY_DOCS "/compare-output.schema.json");
  const nlohmann::json schema = nlohmann::json::parse(schema_file);
  const Comparison c = sample();
  const std::vector<FailRule> rules = {parse_fail_rule("queue:p99.9>+10%")};
  Output out;
  write_comparison_json(c, broken_rules(c, rules), out);
  const nlohmann::json doc = nlohmann::json::parse(out.text());
  testing::validate(doc, schema, "document");
  EXPECT_EQ(doc["broken_rules"].size(), 1u);
  const auto& queue = doc["models"][0]["spans"][6];
  EXPECT_EQ(queue["key"], "queue");
  EXPECT_DOUBLE_EQ(queue["base"]["mean_us"].get<double>(), 11.45);
  EXPECT_TRUE(queue["significant"].get<bool>());
}

// RFC 4180 fields of one line.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
      fields.back() += line[++i];
    else if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      fields.emplace_back();
    else
      fields.back() += c;
  }
  return fields;
}

TEST(CompareCsv, ReadsBack) {
  Output out;
  write_comparison_csv(sample(), out);
  const std::string& text = out.text();
  ASSERT_EQ(text.substr(text.size() - 2), "\r\n");
  std::vector<std::vector<std::string>> rows;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
    rows.push_back(csv_fields(text.substr(start, end - start)));
  }
  for (const auto& row : rows) ASSERT_EQ(row.size(), rows[0].size());
  bool quoted_name = false;
  for (const auto& row : rows) {
    quoted_name = quoted_name || row[1] == "name, with \"quotes\"";
    if (row[1] == "resnet50" && row[3] == "queue" && row[7] == "mean") {
      EXPECT_DOUBLE_EQ(std::stod(row[8]), 11.45);
      EXPECT_GT(std::stod(row[13]), std::stod(row[12]));  // raw p, then Holm's
      EXPECT_EQ(row[14], "true");
    }
  }
  EXPECT_TRUE(quoted_name);
}

TEST(CompareMarkdown, OneTablePerModelAndTheBrokenRules) {
  const Comparison c = sample();
  const std::vector<FailRule> rules = {parse_fail_rule("resnet50:queue:mean>+10%")};
  Output out;
  write_comparison_markdown(c, broken_rules(c, rules), out);
  EXPECT_NE(out.text().find("**Broken rules:**"), std::string::npos);
  EXPECT_NE(
      out.text().find("### HTTP resnet50 (1): 30 -> 30 traces\n\n| span | stat | base | new | delta | p (Holm) |"),
      std::string::npos);
  EXPECT_NE(out.text().find("| Queue (`queue`) | count | 30 | 30 | +0.0% |"), std::string::npos);
}

}  // namespace
}  // namespace trace_summary
