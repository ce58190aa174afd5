#include "app/cli.hpp"

#include <CLI/CLI.hpp>

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

#include <unistd.h>

#include "render/csv_renderer.hpp"
#include "base/errors.hpp"
#include "io/progress.hpp"
#include "engine/report.hpp"

namespace trace_summary {
namespace {

constexpr const char* kDescription =
    "Summarise Triton Inference Server trace files (--trace-config level=TIMESTAMPS):\n"
    "per model, where the time of an inference request went (HTTP/GRPC receive and\n"
    "send, queue, compute input/infer/output). The default output is exactly what\n"
    "Triton's trace_summary.py prints.\n";

constexpr const char* kFooter =
    "FILE is a trace file written by tritonserver; '-' reads standard input. gzip\n"
    "input is recognised by its content. Each file is summarised on its own, in the\n"
    "order given, unless --merge reads them as one.\n"
    "\n"
    "Exit status:\n"
    "  0  every file was summarised (a file that ends before its closing ']', as a\n"
    "     running server leaves it, is summarised with a warning)\n"
    "  1  a file held data that cannot be summarised (not a trace file, or a span\n"
    "     that ends before it starts or lacks an end); the message names the file,\n"
    "     the place and the trace; the other files are still summarised\n"
    "  2  usage error: bad arguments, or a FILE that cannot be opened (nothing is\n"
    "     printed then)\n"
    "  3  the output could not be written (for example, a full disk)\n";

// Threads to read a large file with: the cores, at most 4 (the parts' records
// are taken in on one thread, so more pay little).
unsigned default_jobs() { return std::clamp(std::thread::hardware_concurrency(), 1u, 4u); }

struct Arguments {
  std::optional<bool> progress;  // unset: only when standard error is a terminal
  bool verbose = false;
  bool show_trace = false;
  bool skip_invalid = false;
  bool merge = false;
  std::string compat = "classic";
  std::string format = "text";
  std::string percentiles = "50,90,99";
  std::vector<std::string> models;
  std::string timeline;
  std::uint64_t timeline_limit = 10000;
  unsigned jobs = default_jobs();
  std::vector<std::string> files;
};

// One opened input and the name its report shows.
struct OpenedInput {
  std::string name;
  std::unique_ptr<InputSource> source;
};

void add_options(CLI::App& app, Arguments& args) {
  app.footer(kFooter);
  app.add_flag("-v,--verbose", args.verbose, "Print the whole parsed file first (as Python's json.dumps, keys sorted)");
  app.add_flag("-t,--show-trace", args.show_trace,
               "Also list every counted trace: its model, id, parent id and timestamps with the time between them\n"
               "(with --format json: include every counted trace)");
  app.add_option("--compat", args.compat,
                 "Which trace_summary.py to reproduce: 'classic' (July 2023, the default) or 'current'\n"
                 "(January 2024: GRPC infer time starts at GRPC_WAITREAD_END, no Wait/Read line)")
      ->check(CLI::IsMember({"classic", "current"}))
      ->type_name("MODE");
  app.add_flag("--skip-invalid", args.skip_invalid,
               "Leave out each record or trace that breaks a rule (instead of stopping at the first),\n"
               "say on standard error how many were left out and why, and exit 0");
  app.add_option("--format", args.format,
                 "text: the classic summary (default); table: aligned tables with min, percentiles, max and\n"
                 "share of the request time; json: one JSON document (docs/json-output.md); csv: one row per\n"
                 "file, protocol, model and span")
      ->check(CLI::IsMember({"text", "table", "json", "csv"}))
      ->type_name("FORMAT");
  app.add_option("--percentiles", args.percentiles,
                 "The percentile columns of table, json and csv, comma-separated (default 50,90,99)")
      ->type_name("LIST");
  app.add_flag("--merge", args.merge,
               "Summarise all FILEs as one trace set (log-frequency shards trace.json.0, .1, ...)");
  app.add_option("--model", args.models,
                 "Only this model's traces (repeatable); an ensemble keeps its composing models' traces")
      ->type_name("NAME");
  app.add_option("--timeline", args.timeline,
                 "Also write the traces as Chrome Trace Event JSON to FILE, for ui.perfetto.dev or chrome://tracing")
      ->type_name("FILE");
  app.add_option("--timeline-limit", args.timeline_limit, "At most N traces (with their children) per file in the timeline (default 10000)")
      ->check(CLI::PositiveNumber)
      ->type_name("N");
  app.add_option("-j,--jobs", args.jobs,
                 "Threads to read one large file with (default: the number of cores, at most 4; 1: one pass).\n"
                 "Files of 32 MB and more are split between records and parsed at once; the output is the same")
      ->check(CLI::Range(1u, 64u))
      ->type_name("N");
  app.add_flag_function(
      "--progress", [&args](std::int64_t) { args.progress = true; },
      "Show a progress line on standard error while reading (default: only when it is a terminal)");
  app.add_flag_function(
      "--no-progress", [&args](std::int64_t) { args.progress = false; }, "Never show the progress line");
  app.add_option("FILE", args.files, "Trace file(s) to summarise ('-' is standard input)")->required();
}

// "50,95,99.9" -> {50, 95, 99.9}; a message when it is not such a list.
std::optional<std::vector<double>> parse_percentiles(const std::string& text, std::string& error) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    char* end = nullptr;
    const double p = std::strtod(part.c_str(), &end);
    if (part.empty() || end == part.c_str() || *end != '\0' || !(p >= 0 && p <= 100)) {
      error = "--percentiles: '" + part + "' is not a number from 0 to 100";
      return std::nullopt;
    }
    out.push_back(p);
  }
  if (out.empty()) {
    error = "--percentiles: give at least one percentile";
    return std::nullopt;
  }
  return out;
}

Format format_of(const std::string& name) {
  if (name == "table") return Format::Table;
  if (name == "json") return Format::Json;
  if (name == "csv") return Format::Csv;
  return Format::Text;
}

// Opens every input before anything is printed.
bool open_all(const std::vector<std::string>& files, std::vector<OpenedInput>& opened) {
  for (const std::string& path : files) {
    try {
      opened.push_back({path == "-" ? "<stdin>" : path, InputSource::open(path)});
    } catch (const std::system_error& e) {
      std::cerr << "trace_summary: cannot open " << path << ": " << e.code().message() << '\n';
      return false;
    }
  }
  return true;
}

// The reports to make: each input alone, or all of them as one (--merge).
std::vector<std::vector<NamedInput>> report_groups(std::vector<OpenedInput>& inputs, bool merge) {
  std::vector<std::vector<NamedInput>> groups;
  for (OpenedInput& input : inputs) {
    if (!merge || groups.empty()) groups.emplace_back();
    groups.back().push_back({input.name, input.source.get()});
  }
  return groups;
}

std::string display_name(const std::vector<NamedInput>& group) {
  std::string name;
  for (const NamedInput& input : group) name += (name.empty() ? "" : ", ") + input.name;
  return name;
}

// Runs one report, with a progress line per input when asked.
int run_report(const std::vector<NamedInput>& group, const ReportOptions& options, bool progress, Output& out,
               const ReportSinks& sinks) {
  std::optional<ProgressLine> line;
  for (const NamedInput& input : group) {
    if (!progress) break;
    input.source->observe_reads([&line, &input](std::uint64_t bytes) {
      if (!line) line.emplace(stderr, input.name, input.source->size_hint());
      line->update(bytes);
    });
  }
  const std::string name = display_name(group);
  try {
    const std::vector<Warning> warnings = write_report(group, name, options, out, sinks);
    if (line) line->finish();
    out.flush();
    for (const Warning& w : warnings) std::cerr << w.input << ": " << w.text << '\n';
    return kExitOk;
  } catch (const DataError& e) {
    if (line) line->finish();
    out.flush();
    std::cerr << name << ": " << e.what() << '\n';
    if (sinks.json_files != nullptr) sinks.json_files->push_back({{"name", name}, {"error", e.what()}});
    return kExitBadData;
  }
}

int summarise_all(std::vector<OpenedInput>& inputs, const ReportOptions& options, bool merge, bool progress,
                  TimelineWriter* timeline) {
  Output out(1);
  OrderedJson json_files = OrderedJson::array();
  const ReportSinks sinks{options.format == Format::Json ? &json_files : nullptr, timeline};
  if (options.format == Format::Csv) render_csv_header(options.percentiles, out);
  int status = kExitOk;
  for (const std::vector<NamedInput>& group : report_groups(inputs, merge)) {
    status = std::max(status, run_report(group, options, progress, out, sinks));
  }
  if (options.format == Format::Json) write_json_document(json_files, options.compat, options.percentiles, out);
  out.flush();
  if (timeline != nullptr) timeline->finish();
  return status;
}

int usage_error(const std::string& message) {
  std::cerr << "trace_summary: " << message << "\nRun with --help for more information.\n";
  return kExitUsage;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app(kDescription, "trace_summary");
  Arguments args;
  add_options(app, args);
  app.set_version_flag("--version", "trace_summary " TRACE_SUMMARY_VERSION, "Print the version and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  ReportOptions options;
  options.verbose = args.verbose;
  options.show_trace = args.show_trace;
  options.skip_invalid = args.skip_invalid;
  options.compat = args.compat == "current" ? Compat::Current : Compat::Classic;
  options.format = format_of(args.format);
  options.models = args.models;
  options.jobs = args.jobs;
  std::string error;
  const auto percentiles = parse_percentiles(args.percentiles, error);
  if (!percentiles) return usage_error(error);
  options.percentiles = *percentiles;
  if (options.verbose && options.format != Format::Text) return usage_error("-v works with --format text only");

  std::vector<OpenedInput> inputs;
  if (!open_all(args.files, inputs)) return kExitUsage;
  std::unique_ptr<TimelineWriter> timeline;
  if (!args.timeline.empty()) {
    try {
      timeline = std::make_unique<TimelineWriter>(args.timeline, args.timeline_limit);
    } catch (const std::runtime_error& e) {
      return usage_error(std::string("--timeline: ") + e.what());
    }
  }

  // A closed pipe is reported by write(2) as EPIPE instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return summarise_all(inputs, options, args.merge, args.progress.value_or(::isatty(2) == 1), timeline.get());
  } catch (const OutputError& e) {
    if (e.broken_pipe()) return kExitOk;
    std::cerr << "trace_summary: cannot write the output: " << e.what() << '\n';
    return kExitOutput;
  } catch (const std::runtime_error& e) {  // the timeline file
    std::cerr << "trace_summary: " << e.what() << '\n';
    return kExitOutput;
  }
}

}  // namespace trace_summary
