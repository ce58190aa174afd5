// How the fuzz target and its regression test run one input: the first
// byte picks the options (verbose, -t, --skip-invalid, --compat current, the
// format, --model, --merge with a timeline, the --html page and 1 µs
// --window), the rest is the file. Bad data
// may only end in DataError.
#pragma once

#include <cstdio>
#include <string>

#include "../test_support.hpp"
#include "render/html_page.hpp"
#include "render/timeline_writer.hpp"

namespace trace_summary::testing {

inline ReportOptions fuzz_options(unsigned char flags) {
  static const char* const kFormats[] = {"text", "table", "json", "csv"};
  ReportOptions options;
  options.format = kFormats[(flags >> 4) & 3];
  options.verbose = (flags & 1) != 0 && options.format == "text";
  options.show_trace = (flags & 2) != 0;
  options.skip_invalid = (flags & 4) != 0;
  options.compat = (flags & 8) != 0 ? Compat::Current : Compat::Classic;
  if ((flags & 64) != 0) options.models = {"m", "simple"};
  return options;
}

/// Runs `bytes` (flags byte first); returns the DataError text, or "ok".
inline std::string run_fuzz_input(const std::string& bytes, const std::string& timeline_path) {
  if (bytes.empty()) return "ok";
  const auto flags = static_cast<unsigned char>(bytes[0]);
  const ReportOptions options = fuzz_options(flags);
  const std::string file = bytes.substr(1);
  return error_of([&] {
    // Rendered, not kept: a small input may print gigabytes (a Data Flow
    // tree of repeated children runs to a million blocks), which the tool
    // writes out as it goes but memory here would hold.
    Output out{Output::Discard{}};
    OutputOptions output{options.format, options.verbose, options.show_trace, options.percentiles};
    if ((flags & 128) != 0) output.window_ns = 1000;
    auto sink = make_format_sink(output, options.compat, out);
    std::unique_ptr<TimelineSink> timeline;
    std::unique_ptr<HtmlSink> page;
    if ((flags & 128) != 0) timeline = std::make_unique<TimelineSink>(timeline_path, 3);
    if ((flags & 128) != 0) page = std::make_unique<HtmlSink>(timeline_path + ".html", PageOptions{"fuzz", {}, 1000});
    // With --merge, the file is read as two inputs cut in the middle.
    const std::size_t half = (flags & 128) != 0 ? file.size() / 2 : file.size();
    auto first = InputSource::from_memory(file.substr(0, half));
    auto second = InputSource::from_memory(file.substr(half));
    std::vector<NamedInput> inputs = {{"fuzz.json", first.get()}};
    if (half < file.size()) inputs.push_back({"fuzz.json.1", second.get()});
    sink->begin();
    const auto report =
        build_report(inputs, "fuzz.json", {options.verbose, options.skip_invalid, 1},
                     {options.compat, options.models, options.format != "text"});  // streams as the command line
    sink->file(*report);
    sink->end();
    if (timeline) {
      timeline->file(*report);
      timeline->end();
    }
    if (page) {
      page->begin();
      page->file(*report);
      page->end();
    }
  });
}

}  // namespace trace_summary::testing
