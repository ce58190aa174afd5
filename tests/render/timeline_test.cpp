// The timeline against the engine: for every trace file in testdata (and the
// shapes real servers write, testdata/shapes), every thread's complete
// events nest, as the Trace Event format requires, and each event lasts
// exactly as long as the engine's span.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "render/timeline_writer.hpp"
#include "test_support.hpp"

namespace trace_summary {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> trace_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(TRACE_SUMMARY_TESTDATA)) {
    const fs::path& p = entry.path();
    const std::string dir = p.parent_path().filename().string();
    if (entry.is_regular_file() && p.extension() == ".json" && (dir == "inputs" || dir == "shapes")) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The report of `path`, or nullptr when the file cannot be summarised.
std::unique_ptr<FileReport> report_of(const fs::path& path) {
  try {
    auto input = InputSource::open(path.string());
    return build_report({{"t.json", input.get()}}, "t.json", {}, {});
  } catch (const DataError&) {
    return nullptr;
  }
}

nlohmann::json timeline_of(const FileReport& report) {
  const std::string path = ::testing::TempDir() + "timeline_nesting.json";
  {
    TimelineSink sink(path, 1'000'000);
    sink.file(report);
    sink.end();
  }
  std::ifstream in(path);
  nlohmann::json doc = nlohmann::json::parse(in);
  std::remove(path.c_str());
  return doc;
}

std::int64_t ns_of(const nlohmann::json& micros) { return std::llround(micros.get<double>() * 1000); }

// The engine's duration of each span, by trace id and span key; a trace
// both passes count is drawn once, from the first.
std::map<std::string, std::int64_t> engine_spans(const FileReport& report) {
  std::map<std::string, std::int64_t> spans;
  std::map<std::string, bool> seen;
  for (Protocol protocol : kProtocols) {
    report.for_each_trace(protocol, TraceDetail::WithoutStamps, [&](const TraceView& t) {
      const std::string id = wide_int_to_string(t.id);
      if (seen[id]) return;
      seen[id] = true;
      for (const SpanDef* def : catalogue_rows(protocol, report.compat())) {
        if (def->measured && t.span(def->span)) {
          spans[id + "/" + std::string(def->key)] = static_cast<std::int64_t>(t.span(def->span)->duration_ns());
        }
      }
    });
  }
  return spans;
}

struct Interval {
  std::int64_t start, end;
};

TEST(Timeline, EveryThreadsEventsNestAndLastAsTheEnginesSpans) {
  std::size_t files = 0, events = 0;
  for (const fs::path& path : trace_files()) {
    const auto report = report_of(path);
    if (!report) continue;
    ++files;
    const nlohmann::json doc = timeline_of(*report);
    std::map<std::string, std::int64_t> expected = engine_spans(*report);
    std::map<std::pair<int, int>, std::vector<Interval>> threads;
    for (const auto& e : doc["traceEvents"]) {
      if (e["ph"] != "X") continue;
      ++events;
      const std::string key = e["args"]["trace_id"].dump() + "/" + e["cat"].get<std::string>();
      ASSERT_EQ(expected.count(key), 1u) << path << ": an event the engine did not count: " << key;
      EXPECT_EQ(ns_of(e["dur"]), expected[key]) << path << ": " << key;
      expected.erase(key);
      const std::int64_t start = ns_of(e["ts"]);
      threads[{e["pid"].get<int>(), e["tid"].get<int>()}].push_back({start, start + ns_of(e["dur"])});
    }
    EXPECT_TRUE(expected.empty()) << path << ": spans without an event, e.g. " << expected.begin()->first;
    for (auto& [thread, intervals] : threads) {
      std::sort(intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
      });
      std::vector<std::int64_t> open;  // ends of the enclosing events
      for (const Interval& i : intervals) {
        while (!open.empty() && open.back() <= i.start) open.pop_back();
        ASSERT_TRUE(open.empty() || i.end <= open.back())
            << path << ": thread " << thread.second << " has overlapping events that do not nest at " << i.start;
        open.push_back(i.end);
      }
    }
  }
  EXPECT_GT(files, 100u);
  EXPECT_GT(events, 10000u);
}

}  // namespace
}  // namespace trace_summary
