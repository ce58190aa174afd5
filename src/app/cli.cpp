#include "app/cli.hpp"

#include <algorithm>
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "app/tee_sink.hpp"
#include "base/errors.hpp"
#include "engine/report_builder.hpp"
#include "io/progress.hpp"
#include "app/arguments.hpp"
#include "app/format_sink.hpp"
#include "render/html_page.hpp"
#include "render/request_rows.hpp"
#include "render/timeline_writer.hpp"

namespace trace_summary {
namespace {

// The reports to make: each file alone, or all of them as one (--merge).
std::vector<std::vector<std::string>> report_groups(const std::vector<std::string>& files, bool merge) {
  std::vector<std::vector<std::string>> groups;
  for (const std::string& path : files) {
    if (!merge || groups.empty()) groups.emplace_back();
    groups.back().push_back(path);
  }
  return groups;
}

std::string shown_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string display_name(const std::vector<std::string>& group) {
  std::string name;
  for (const std::string& path : group) name += (name.empty() ? "" : ", ") + shown_name(path);
  return name;
}

// What summarising needs besides the sink: the options of each stage.
struct RunPlan {
  LoadRequest load;
  ComputeOptions compute;
  bool progress = false;
  bool fail_if_empty = false;
  bool prints_dataflow = true;  ///< the format has a place for the Data Flow section
};

// The worse of two exit statuses: a failed write, then a usage error, bad
// data, and last a file in which nothing was counted.
int worse(int a, int b) {
  auto rank = [](int status) {
    switch (status) {
      case kExitOutput: return 4;
      case kExitUsage: return 3;
      case kExitBadData: return 2;
      case kExitEmpty: return 1;
      default: return 0;
    }
  };
  return rank(b) > rank(a) ? b : a;
}

bool counted_nothing(const FileReport& report) {
  return report.model_count(Protocol::Http) == 0 && report.model_count(Protocol::Grpc) == 0;
}

// Opens the group's files (when it is its turn: never more open than one
// report needs). A message when one cannot be opened.
std::optional<std::string> open_group(const std::vector<std::string>& group,
                                      std::vector<std::unique_ptr<InputSource>>& sources) {
  for (const std::string& path : group) {
    try {
      sources.push_back(InputSource::open(path));
    } catch (const std::system_error& e) {
      return "cannot open " + path + ": " + e.code().message();
    }
  }
  return std::nullopt;
}

// Makes one report and hands it to the sink; returns the exit status.
int run_report(const std::vector<std::string>& group, const RunPlan& plan, ReportSink& sink, Output& out) {
  const std::string name = display_name(group);
  std::vector<std::unique_ptr<InputSource>> sources;
  if (auto error = open_group(group, sources)) {
    out.flush();
    std::cerr << "trace_summary: " << printable(*error) << '\n';
    sink.failed_file(name, *error);
    return kExitUsage;
  }
  std::vector<NamedInput> inputs;
  for (std::size_t i = 0; i < group.size(); ++i) inputs.push_back({shown_name(group[i]), sources[i].get()});
  std::optional<ProgressLine> line;
  for (const NamedInput& input : inputs) {
    if (!plan.progress) break;
    input.source->observe_reads([&line, &input](std::uint64_t bytes) {
      if (!line) line.emplace(stderr, input.name, input.source->size_hint());
      line->update(bytes);
    });
  }
  try {
    const std::unique_ptr<FileReport> report = build_report(inputs, name, plan.load, plan.compute);
    if (line) line->finish();
    sink.file(*report);
    out.flush();
    if (report->has_dataflow() && !plan.prints_dataflow) {
      std::cerr << printable(name) << ": note: the Data Flow section is in the text, table and json formats only\n";
    }
    for (const Warning& w : report->warnings()) std::cerr << printable(w.input) << ": " << printable(w.text) << '\n';
    return plan.fail_if_empty && counted_nothing(*report) ? kExitEmpty : kExitOk;
  } catch (const DataError& e) {
    if (line) line->finish();
    out.flush();
    std::cerr << printable(name) << ": " << printable(e.what()) << '\n';
    sink.failed_file(name, e.what());
    return kExitBadData;
  }
}

int summarise_all(const std::vector<std::string>& files, const RunPlan& plan, bool merge, ReportSink& sink,
                  Output& out) {
  sink.begin();
  int status = kExitOk;
  for (const std::vector<std::string>& group : report_groups(files, merge)) {
    status = worse(status, run_report(group, plan, sink, out));
  }
  sink.end();
  out.flush();
  return status;
}

// Options that do nothing in this combination, said before anything runs.
std::vector<std::string> idle_options(const Arguments& args) {
  std::vector<std::string> notes;
  const bool per_trace = args.format == "text" || args.format == "json";
  if (args.show_trace && !per_trace) notes.push_back("-t lists traces in the text and json formats only");
  const bool statistics = args.format == "table" || args.format == "json" || args.format == "csv";
  if (args.percentiles_given && !statistics) {
    notes.push_back("--percentiles applies to the table, json and csv formats only");
  }
  if (args.sort != "request" && args.top == 0 && args.timeline.empty()) {
    notes.push_back("--sort ranks for --top and --timeline; neither is given");
  }
  if (args.timeline_limit != 10000 && args.timeline.empty()) notes.push_back("--timeline-limit without --timeline");
  if (args.window_ns > 0 && !(statistics || !args.html.empty())) {
    notes.push_back("--window applies to the table, json and csv formats and to --html only");
  }
  if (args.top > 0 && args.format == "csv") {
    notes.push_back("--top lists requests in the text, table, json, jsonl and csv-requests formats, not in csv");
  }
  return notes;
}

// The file `path` names is one of the inputs (compared by device and inode).
bool is_an_input(const std::string& path, const std::vector<std::string>& files) {
  struct stat target {};
  if (::stat(path.c_str(), &target) != 0) return false;
  for (const std::string& file : files) {
    struct stat input {};
    if (file != "-" && ::stat(file.c_str(), &input) == 0 && input.st_dev == target.st_dev &&
        input.st_ino == target.st_ino) {
      return true;
    }
  }
  return false;
}

int usage_error(const std::string& message) {
  std::cerr << "trace_summary: " << printable(message) << "\nRun with --help for more information.\n";
  return kExitUsage;
}

}  // namespace

int run_cli(int argc, char** argv) {
  const ParseResult parsed = parse_arguments(argc, argv);
  if (parsed.action == ParseResult::Action::Print) {
    std::cout << parsed.text;
    return kExitOk;
  }
  if (parsed.action == ParseResult::Action::Fail) return usage_error(parsed.text);
  const Arguments& args = parsed.args;

  if (!args.timeline.empty() && is_an_input(args.timeline, args.files)) {
    return usage_error("--timeline: " + args.timeline + " is one of the input files; give another file name");
  }
  if (!args.html.empty() && is_an_input(args.html, args.files)) {
    return usage_error("--html: " + args.html + " is one of the input files; give another file name");
  }
  for (const std::string& note : idle_options(args)) std::cerr << "trace_summary: note: " << note << '\n';

  RunPlan plan;
  plan.load = {args.verbose, args.skip_invalid, args.jobs};
  plan.compute.compat = args.compat == "current" ? Compat::Current : Compat::Classic;
  plan.compute.models = args.models;
  plan.compute.streams = args.format != "text";  // the classic text is the reference's, which cannot show them
  plan.progress = args.progress.value_or(::isatty(2) == 1);
  plan.fail_if_empty = args.fail_if_empty;
  plan.prints_dataflow = args.format == "text" || args.format == "table" || args.format == "json";

  Output out(1);
  std::vector<std::unique_ptr<ReportSink>> sinks;
  const OutputOptions output{args.format, args.verbose, args.show_trace, args.percentiles,
                             args.top,    args.sort,    args.window_ns};
  sinks.push_back(make_format_sink(output, plan.compute.compat, out));
  if (!args.timeline.empty()) {
    try {
      sinks.push_back(std::make_unique<TimelineSink>(args.timeline, args.timeline_limit,
                                                     RequestSelection{args.top, RankKey(args.sort)}));
    } catch (const std::runtime_error& e) {
      return usage_error(std::string("--timeline: ") + e.what());
    }
  }
  if (!args.html.empty()) {
    try {
      const RequestSelection top{args.top, RankKey(args.sort)};
      sinks.push_back(std::make_unique<HtmlSink>(args.html, PageOptions{TRACE_SUMMARY_VERSION, top, args.window_ns}));
    } catch (const std::runtime_error& e) {
      return usage_error(std::string("--html: ") + e.what());
    }
  }
  TeeSink sink(std::move(sinks));

  // A closed pipe is reported by write(2) as EPIPE instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return summarise_all(args.files, plan, args.merge, sink, out);
  } catch (const OutputError& e) {
    if (e.broken_pipe()) return kExitOk;
    std::cerr << "trace_summary: cannot write the output: " << e.what() << '\n';
    return kExitOutput;
  } catch (const std::runtime_error& e) {  // the timeline or the page
    std::cerr << "trace_summary: " << printable(e.what()) << '\n';
    return kExitOutput;
  }
}

}  // namespace trace_summary
