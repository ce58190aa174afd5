#include "trace_summary/cli.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "trace_summary/errors.hpp"
#include "trace_summary/progress.hpp"
#include "trace_summary/report.hpp"

namespace trace_summary {
namespace {

constexpr const char* kDescription =
    "Summarise Triton Inference Server trace files (--trace-config level=TIMESTAMPS):\n"
    "per model, where the time of an inference request went (HTTP/GRPC receive and\n"
    "send, queue, compute input/infer/output), exactly as Triton's trace_summary.py\n"
    "prints it.\n";

constexpr const char* kFooter =
    "FILE is a trace file written by tritonserver; '-' reads standard input.\n"
    "Each file is summarised on its own, in the order given.\n"
    "\n"
    "Exit status:\n"
    "  0  every file was summarised\n"
    "  1  a file held data that cannot be summarised (not a trace file, or a span\n"
    "     that ends before it starts or lacks an end); the message names the file,\n"
    "     the place and the trace; the other files are still summarised\n"
    "     (a file that ends before its closing ']', as a running server leaves it,\n"
    "     is summarised with a warning: exit 0)\n"
    "  2  usage error: bad arguments, or a FILE that cannot be opened (nothing is\n"
    "     printed then)\n"
    "  3  the output could not be written (for example, a full disk)\n";

struct Arguments {
  std::optional<bool> progress;  // unset: only when standard error is a terminal
  bool verbose = false;
  bool show_trace = false;
  bool skip_invalid = false;
  std::string compat = "classic";
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
               "Also list every counted trace: its model, id, parent id and timestamps with the time between them");
  app.add_flag("--skip-invalid", args.skip_invalid,
               "Leave out each record or trace that breaks a rule (instead of stopping at the first),\n"
               "say on standard error how many were left out and why, and exit 0");
  app.add_flag_function(
      "--progress", [&args](std::int64_t) { args.progress = true; },
      "Show a progress line on standard error while reading (default: only when it is a terminal)");
  app.add_flag_function(
      "--no-progress", [&args](std::int64_t) { args.progress = false; }, "Never show the progress line");
  app.add_option("--compat", args.compat,
                 "Which trace_summary.py to reproduce: 'classic' (July 2023, the default) or 'current'\n"
                 "(January 2024: GRPC infer time starts at GRPC_WAITREAD_END, no Wait/Read line)")
      ->check(CLI::IsMember({"classic", "current"}))
      ->type_name("MODE");
  app.add_option("FILE", args.files, "Trace file(s) to summarise ('-' is standard input)")->required();
}

// Opens every input before anything is printed; nullopt-like empty vector and
// a message on failure.
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

int summarise_all(std::vector<OpenedInput>& inputs, const ReportOptions& options, bool progress) {
  Output out(1);
  int status = kExitOk;
  for (OpenedInput& input : inputs) {
    std::optional<ProgressLine> line;
    if (progress) {
      line.emplace(stderr, input.name, input.source->size_hint());
      input.source->observe_reads([&line](std::uint64_t bytes) { line->update(bytes); });
    }
    try {
      const std::vector<std::string> warnings = write_report(*input.source, input.name, options, out);
      if (line) line->finish();
      out.flush();
      for (const std::string& w : warnings) std::cerr << input.name << ": " << w << '\n';
    } catch (const DataError& e) {
      if (line) line->finish();
      out.flush();
      std::cerr << input.name << ": " << e.what() << '\n';
      status = kExitBadData;
    }
  }
  return status;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app(kDescription, "trace_summary");
  Arguments args;
  add_options(app, args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  std::vector<OpenedInput> inputs;
  if (!open_all(args.files, inputs)) return kExitUsage;

  ReportOptions options;
  options.verbose = args.verbose;
  options.show_trace = args.show_trace;
  options.skip_invalid = args.skip_invalid;
  options.compat = args.compat == "current" ? Compat::Current : Compat::Classic;

  // A closed pipe is reported by write(2) as EPIPE instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return summarise_all(inputs, options, args.progress.value_or(::isatty(2) == 1));
  } catch (const OutputError& e) {
    if (e.broken_pipe()) return kExitOk;
    std::cerr << "trace_summary: cannot write the output: " << e.what() << '\n';
    return kExitOutput;
  }
}

}  // namespace trace_summary
