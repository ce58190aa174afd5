// The report page for every trace file of testdata: self-contained (no
// script, no address to fetch), every model with its charts, names from the
// input escaped; and a page that cannot be written is an error that leaves
// no file behind.
#include "render/html_page.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/svg_charts.hpp"
#include "test_support.hpp"

namespace trace_summary {
namespace {

namespace fs = std::filesystem;

std::string page_of(const FileReport& report, const fs::path& path) {
  HtmlSink sink(path.string(), PageOptions{"9.9.9", {}, 0});
  sink.begin();
  sink.file(report);
  sink.end();
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlPage, EveryTestdataFileGivesASelfContainedPage) {
  const fs::path out = fs::temp_directory_path() / "trace_summary_html_page_test.html";
  int pages = 0;
  for (const auto& entry : fs::recursive_directory_iterator(TRACE_SUMMARY_TESTDATA)) {
    const fs::path& p = entry.path();
    const std::string dir = p.parent_path().filename().string();
    if (!entry.is_regular_file() || p.extension() != ".json" || (dir != "inputs" && dir != "shapes")) continue;
    std::unique_ptr<FileReport> report;
    try {
      auto input = InputSource::open(p.string());
      report = build_report({{"t.json", input.get()}}, "t.json", {}, {});
    } catch (const DataError&) {
      continue;
    }
    const std::string page = page_of(*report, out);
    SCOPED_TRACE(p.string());
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("http://"), std::string::npos);
    EXPECT_EQ(page.find("https://"), std::string::npos);
    EXPECT_EQ(page.find("url("), std::string::npos);
    EXPECT_NE(page.find("trace_summary 9.9.9"), std::string::npos);
    std::size_t models = 0;
    for (Protocol protocol : kProtocols) models += report->model_count(protocol);
    EXPECT_EQ(count_of(page, "data-chart=\"breakdown\""), models);
    EXPECT_EQ(count_of(page, "data-chart=\"over-time\""), models);
    if (models == 0) {
      EXPECT_NE(page.find("No request could be counted"), std::string::npos);
    }
    EXPECT_EQ(page.substr(page.size() - 15), "</body></html>\n");
    ++pages;
  }
  EXPECT_GT(pages, 20);
  fs::remove(out);
}

TEST(HtmlPage, NamesFromTheInputAreEscaped) {
  EXPECT_EQ(html_text("<script>\"a\" & 'b'</script>"), "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
}

TEST(HtmlPage, APageThatCannotBeWrittenIsAnError) {
  EXPECT_THROW(HtmlSink("/nonexistent-dir/page.html", PageOptions{}), std::runtime_error);
}

TEST(HtmlPage, AFailedRunLeavesNoPageBehind) {
  const fs::path dir = fs::temp_directory_path() / "trace_summary_html_page_test_dir";
  fs::create_directories(dir);
  {
    HtmlSink sink((dir / "page.html").string(), PageOptions{});
    sink.begin();
  }  // never ended
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace trace_summary
