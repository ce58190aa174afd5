// Reading a file in parts on several threads gives exactly what one pass
// gives: the same records, groups, merges, notes and errors, wherever the
// cuts fall, for every trace file in testdata/; and the cut finder's guesses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "trace_set_dump.hpp"
#include "load/loader.hpp"
#include "load/split_points.hpp"

namespace trace_summary {
namespace {

namespace fs = std::filesystem;

// The dump of `path` read with `options`, or its error; `parts` gets how
// many parts were parsed at once.
std::string load_file(const std::string& path, const LoadOptions& options, std::size_t* parts = nullptr) {
  return testing::error_of([&] {
    auto input = InputSource::open(path);
    TraceSet set;
    const LoadNotes notes = append_trace_file(set, *input, options);
    set.index_by_id();
    if (parts != nullptr) *parts = notes.parts;
    throw DataError(testing::dump(set, notes));  // the dump, through the same channel as an error
  });
}

LoadOptions in_parts(std::vector<std::uint64_t> near) {
  LoadOptions options;
  options.jobs = static_cast<unsigned>(near.size() + 1);
  options.min_part_bytes = 0;
  options.split_near = std::move(near);
  return options;
}

std::vector<std::string> trace_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(TRACE_SUMMARY_TESTDATA)) {
    if (!entry.is_regular_file()) continue;
    const std::string dir = entry.path().parent_path().filename().string();
    if ((dir == "inputs" || dir == "bad") && entry.path().extension() != ".md") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(SplitLoader, EveryTestFileReadsTheSameInPartsWhereverTheCutsFall) {
  std::size_t files = 0, split_files = 0;
  for (const std::string& path : trace_files()) {
    const std::uint64_t size = fs::file_size(path);
    const std::string one_pass = load_file(path, LoadOptions{});
    ++files;
    bool split = false;
    for (std::uint64_t k = 1; k < 8; ++k) {  // two parts, the cut near k/8 of the file
      std::size_t parts = 0;
      EXPECT_EQ(load_file(path, in_parts({size * k / 8}), &parts), one_pass) << path << " cut near " << k << "/8";
      split = split || parts > 1;
    }
    std::size_t parts = 0;  // as many parts as it has cuts
    EXPECT_EQ(load_file(path, in_parts({size / 6, size / 3, size / 2, size * 2 / 3, size * 5 / 6}), &parts), one_pass)
        << path;
    split = split || parts > 1;
    if (split) ++split_files;
  }
  EXPECT_GT(files, 100u);
  EXPECT_GT(split_files, files / 2) << "too few test files were split: the test would prove little";
}

class SplitFile : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = fs::temp_directory_path() / ("split_loader_test_" + name);
    std::ofstream(path, std::ios::binary) << text;
    written_.push_back(path);
    return path.string();
  }
  void TearDown() override {
    for (const auto& path : written_) fs::remove(path);
  }

 private:
  std::vector<fs::path> written_;
};

std::string ts(int id, const char* name, long long ns) {
  return R"({"id":)" + std::to_string(id) + R"(,"timestamps":[{"name":")" + name + R"(","ns":)" + std::to_string(ns) +
         "}]}";
}

// Where to look for a cut so that it falls just before the first record of `id`.
std::uint64_t cut_before(const std::string& text, int id) {
  return text.find(R"({"id":)" + std::to_string(id)) - 2;
}

TEST_F(SplitFile, PlainRecordsOfOneIdMergeAcrossTheCut) {
  const std::string head = "[" + ts(1, "HTTP_RECV_START", 100) + "," + ts(1, "HTTP_RECV_END", 200) + ",";
  const std::string path = write("merge.json", head + ts(1, "REQUEST_START", 300) + "," + ts(2, "REQUEST_START", 5) + "]");
  std::size_t parts = 0;
  const std::string split = load_file(path, in_parts({head.size() - 2}), &parts);
  EXPECT_EQ(parts, 2u);
  EXPECT_EQ(split, load_file(path, LoadOptions{}));
  EXPECT_NE(split.find("record 1 HTTP_RECV_START=100 HTTP_RECV_END=200 REQUEST_START=300\n"), std::string::npos) << split;
  EXPECT_NE(split.find("group 1 own 1\n"), std::string::npos) << split;
}

TEST_F(SplitFile, ACutGuessInsideARecordIsCaughtAndTheFileReadInOnePass) {
  // A field the summary does not read holds objects that begin with an id:
  // the guess lands inside a record, which the first part's parse shows.
  const std::string text = "[" + ts(1, "REQUEST_START", 1) + R"(,{"id":1,"extra":[{"id":5},{"id":6}],"model_name":"m"},)" +
                           ts(1, "REQUEST_END", 2) + "]";
  const std::string path = write("nested.json", text);
  const std::size_t guess = text.find(R"({"id":6})");
  ASSERT_EQ(find_element_start(std::string_view(text).substr(guess - 2)), 2u);
  std::size_t parts = 0;
  const std::string split = load_file(path, in_parts({guess - 2}), &parts);
  EXPECT_EQ(parts, 1u);
  EXPECT_EQ(split, load_file(path, LoadOptions{}));
  EXPECT_NE(split.find("record 1 | m/"), std::string::npos) << split;
}

TEST_F(SplitFile, AnErrorInALaterPartIsReportedAsOnePassReportsIt) {
  const std::string text = "[\n" + ts(1, "REQUEST_START", 1) + ",\n" + ts(2, "REQUEST_START", 1) + ",\n" +
                           R"({"id":3,"timestamps":[{"name":"REQUEST_END","ns":"soon"}]})" + "\n]";
  const std::string path = write("error.json", text);
  const std::string one_pass = load_file(path, LoadOptions{});
  EXPECT_NE(one_pass.find("line 4, column"), std::string::npos) << one_pass;
  EXPECT_NE(one_pass.find("record 3"), std::string::npos) << one_pass;
  EXPECT_EQ(load_file(path, in_parts({cut_before(text, 2)})), one_pass);
}

TEST_F(SplitFile, AFileCutShortReadsTheSameInParts) {
  const std::string text = "[" + ts(1, "REQUEST_START", 1) + "," + ts(2, "REQUEST_START", 1) + "," +
                           ts(3, "REQUEST_START", 1) + R"(,{"id":4,"timestamps":[{"name":"REQ)";
  const std::string path = write("live.json", text);
  std::size_t parts = 0;
  const std::string split = load_file(path, in_parts({cut_before(text, 2)}), &parts);
  EXPECT_EQ(parts, 2u);
  EXPECT_EQ(split, load_file(path, LoadOptions{}));
  EXPECT_EQ(split.rfind("notes 10 3 ", 0), 0u) << split;
  EXPECT_NE(split.find("cut 3\ncut 4\n"), std::string::npos) << split;
}

TEST_F(SplitFile, AppendsToASetThatHoldsAnotherFile) {
  const std::string first = write("a.json", "[" + ts(1, "HTTP_RECV_START", 1) + "," + ts(2, "A", 2) + "]");
  const std::string text = "[" + ts(1, "HTTP_RECV_END", 3) + "," + ts(2, "B", 4) + "," + ts(3, "C", 5) + "]";
  const std::string second = write("b.json", text);
  auto both = [&](const LoadOptions& options, std::size_t* parts) {
    TraceSet set;
    auto a = InputSource::open(first);
    append_trace_file(set, *a, LoadOptions{});
    auto b = InputSource::open(second);
    const LoadNotes notes = append_trace_file(set, *b, options);
    *parts = notes.parts;
    set.index_by_id();
    return testing::dump(set, notes);
  };
  std::size_t parts = 0;
  const std::string split = both(in_parts({cut_before(text, 2)}), &parts);
  EXPECT_EQ(parts, 2u);
  EXPECT_EQ(split, both(LoadOptions{}, &parts));
}

TEST_F(SplitFile, GzipAndSkipInvalidAreReadInOnePass) {
  std::size_t parts = 0;
  const std::string gz = std::string(TRACE_SUMMARY_TESTDATA) + "/bad/triton_mixed.json.gz";
  EXPECT_EQ(load_file(gz, in_parts({100}), &parts), load_file(gz, LoadOptions{}));
  EXPECT_EQ(parts, 1u);
  const std::string text = "[" + ts(1, "A", 1) + "," + ts(2, "B", 1) + "]";
  const std::string path = write("skip.json", text);
  SkipLog skip;
  LoadOptions options = in_parts({cut_before(text, 2)});
  options.skip = &skip;
  load_file(path, options, &parts);
  EXPECT_EQ(parts, 1u);
  EXPECT_EQ(load_file(path, in_parts({cut_before(text, 2)}), &parts), load_file(path, LoadOptions{}));
  EXPECT_EQ(parts, 2u);
}

TEST(SplitPoints, FindsTheStartOfARecordAfterTheEndOfOne) {
  EXPECT_EQ(find_element_start(R"(5}]},{"id":7,"timestamps")"), 5u);
  EXPECT_EQ(find_element_start("\"x\"\n  },\n  {\n    \"id\": 7,"), 11u);  // pretty-printed
}

TEST(SplitPoints, IgnoresObjectsThatDoNotStartWithAnId) {
  EXPECT_EQ(find_element_start(R"("ns":1},{"name":"QUEUE_START","ns":2})"), std::nullopt);  // timestamps
  EXPECT_EQ(find_element_start(R"({"id":1,"model_name":"m"})"), std::nullopt);  // no record ends before
  EXPECT_EQ(find_element_start(R"(1}{"id":2})"), std::nullopt);                 // no comma
  EXPECT_EQ(find_element_start(R"(1},{"id")"), std::nullopt);                  // cut before the colon
  EXPECT_EQ(find_element_start(""), std::nullopt);
}

}  // namespace
}  // namespace trace_summary
