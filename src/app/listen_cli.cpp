#include "app/listen_cli.hpp"

#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "app/arguments.hpp"
#include "app/cli.hpp"
#include "app/format_sink.hpp"
#include "base/errors.hpp"
#include "io/output.hpp"
#include "listen/live_collector.hpp"
#include "listen/otlp_receiver.hpp"
#include "listen/periodic_reporter.hpp"
#include "listen/save_file.hpp"

namespace trace_summary {
namespace {

struct ListenArguments {
  std::string address = "127.0.0.1:4318";
  bool allow_remote = false;
  std::string save;
  double every = 0;
  double duration = 0;
  std::string format = "text";
  bool show_trace = false;
  std::string compat = "classic";
  std::vector<std::string> models;
  std::uint64_t max_body = std::uint64_t{20} << 20;
  std::size_t max_connections = 16;
  double read_timeout = 10;
  double request_timeout = 30;
};

int listen_usage_error(const std::string& message) {
  std::cerr << "trace_summary: listen: " << message << "\nRun 'trace_summary listen --help' for more information.\n";
  return kExitUsage;
}

// "HOST:PORT", "[V6]:PORT" or ":PORT" into host and port; a message when it is not.
std::optional<std::string> split_address(const std::string& text, std::string& host, int& port) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos) return "--address: '" + text + "' is not HOST:PORT";
  host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  const std::string digits = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(digits) > 65535) {
    return "--address: '" + digits + "' is not a port number (0 to 65535)";
  }
  port = std::stoi(digits);
  return std::nullopt;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::chrono::milliseconds millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

// A check whose rule the help does not spell out after the value's name.
CLI::Validator quiet(CLI::Validator check) { return check.description(""); }

void add_options(CLI::App& app, ListenArguments& args) {
  app.get_formatter()->column_width(kHelpColumn);
  app.set_help_flag("-h,--help", wrap_help("Print this help and exit"));
  app.add_option("--address", args.address,
                 wrap_help("HOST:PORT to listen on (default 127.0.0.1:4318; port 0: any free port, said on "
                           "standard error)"))
      ->type_name("HOST:PORT");
  app.add_flag("--allow-remote", args.allow_remote,
               wrap_help("Allow an --address that is not loopback (e.g. 0.0.0.0:4318): anyone who reaches it "
                         "can post spans"));
  app.add_option("--save", args.save,
                 wrap_help("Append every accepted body to FILE as one line (read it with trace_summary FILE)"))
      ->type_name("FILE");
  app.add_option("--every", args.every, wrap_help("Print a report every SECONDS (on a terminal: redraw the table)"))
      ->check(quiet(CLI::PositiveNumber))
      ->type_name("SECONDS");
  app.add_option("--duration", args.duration, wrap_help("Stop after SECONDS (default: at SIGINT or SIGTERM)"))
      ->check(quiet(CLI::PositiveNumber))
      ->type_name("SECONDS");
  app.add_option("--format", args.format, wrap_help("Format of the reports: text, table, json, csv, jsonl, csv-requests"))
      ->check(quiet(CLI::IsMember({"text", "table", "json", "csv", "jsonl", "csv-requests"})))
      ->type_name("FORMAT");
  app.add_flag("-t,--show-trace", args.show_trace, wrap_help("List every counted trace (text and json)"));
  app.add_option("--compat", args.compat, wrap_help("classic (default) or current"))
      ->check(quiet(CLI::IsMember({"classic", "current"})))
      ->type_name("MODE");
  add_model_option(app, args.models,
                   wrap_help("Only the traces of model NAME (repeatable; NAME,NAME for several) and of the "
                             "models its ensembles ran"));
  app.add_option("--max-body", args.max_body, wrap_help("Largest body in bytes, after decompression (default 20 MiB)"))
      ->check(quiet(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 34)))
      ->type_name("BYTES");
  app.add_option("--max-connections", args.max_connections, wrap_help("Connections served at once (default 16)"))
      ->check(quiet(CLI::Range(std::size_t{1}, std::size_t{1024})))
      ->type_name("N");
  app.add_option("--read-timeout", args.read_timeout, wrap_help("Seconds one read may wait for a byte (default 10)"))
      ->check(quiet(CLI::PositiveNumber))
      ->type_name("SECONDS");
  app.add_option("--request-timeout", args.request_timeout,
                 wrap_help("Seconds a whole request, headers and body, may take to arrive (default 30)"))
      ->check(quiet(CLI::PositiveNumber))
      ->type_name("SECONDS");
}

// Writes `report` in the chosen format to standard output, and its warnings
// to standard error.
void print_report(const FileReport& report, const OutputOptions& output, Compat compat) {
  Output out(1);
  std::unique_ptr<ReportSink> sink = make_format_sink(output, compat, out);
  sink->begin();
  sink->file(report);
  sink->end();
  out.flush();
  for (const Warning& w : report.warnings()) std::cerr << w.input << ": " << w.text << '\n';
}

// Waits for SIGINT or SIGTERM (blocked in every thread), or for `duration`
// seconds when given.
void wait_for_the_end(const sigset_t& signals, double duration) {
  if (duration <= 0) {
    int signal = 0;
    while (sigwait(&signals, &signal) != 0) {
    }
    return;
  }
  const auto until = std::chrono::steady_clock::now() + millis(duration);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    timespec wait{static_cast<time_t>(left.count() / 1000000000), static_cast<long>(left.count() % 1000000000)};
    if (sigtimedwait(&signals, nullptr, &wait) > 0) return;
  }
}

}  // namespace

int run_listen(int argc, char** argv) {
  CLI::App app(wrap_help("Receive OTLP/HTTP JSON spans (POST /v1/traces) from tritonserver's OpenTelemetry "
                         "trace mode and summarise them",
                         kHelpWidth),
               "trace_summary listen");
  ListenArguments args;
  add_options(app, args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    return listen_usage_error(e.what());
  }
  ReceiverOptions options;
  if (auto error = split_address(args.address, options.host, options.port)) return listen_usage_error(*error);
  if (!is_loopback(options.host) && !args.allow_remote) {
    return listen_usage_error("--address " + args.address +
                       " is not a loopback address; add --allow-remote to accept spans from other machines");
  }
  options.limits.max_bytes = args.max_body;
  options.max_connections = args.max_connections;
  options.read_timeout = millis(args.read_timeout);
  options.request_timeout = millis(args.request_timeout);

  // SIGINT and SIGTERM are taken by wait_for_the_end(); every thread made
  // from here on inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<SaveFile> save;
  if (!args.save.empty()) {
    try {
      save = std::make_unique<SaveFile>(args.save);
    } catch (const std::runtime_error& e) {
      return listen_usage_error(std::string("--save: ") + e.what());
    }
  }
  LiveCollector collector;
  OtlpReceiver receiver(options, collector, save.get());
  try {
    receiver.bind();
  } catch (const std::runtime_error& e) {
    std::cerr << "trace_summary: listen: " << e.what() << '\n';
    return kExitUsage;
  }
  const std::string name = "http://" + options.host + ":" + std::to_string(receiver.port()) + "/v1/traces";
  std::cerr << "trace_summary: listening on " << name << std::endl;

  const Compat compat = args.compat == "current" ? Compat::Current : Compat::Classic;
  const ComputeOptions compute{compat, args.models, args.format != "text"};  // streamed requests but in text
  const OutputOptions output{args.format, false, args.show_trace, {50, 90, 99}, 0, "request"};
  receiver.start();
  try {
    {
      std::unique_ptr<PeriodicReporter> reporter;
      if (args.every > 0) {
        const bool terminal = ::isatty(1) == 1;
        OutputOptions shown = output;
        if (terminal) shown.format = "table";
        reporter = std::make_unique<PeriodicReporter>(millis(args.every), [&collector, &name, compute, shown,
                                                                           terminal, compat] {
          try {
            const std::unique_ptr<FileReport> report = collector.report(name, compute);
            if (terminal) std::cout << "\x1b[H\x1b[2J" << std::flush;
            print_report(*report, shown, compat);
          } catch (const std::exception& e) {  // the final report says it again
            std::cerr << "trace_summary: listen: " << e.what() << '\n';
          }
        });
      }
      wait_for_the_end(signals, args.duration);
    }
    receiver.stop();
    const CollectorCounts counts = collector.counts();
    const ReceiverCounts answers = receiver.counts();
    std::cerr << "trace_summary: received " << counts.spans << " spans in " << counts.bodies << " bodies ("
              << answers.refused << " requests refused)" << std::endl;
    print_report(*collector.report(name, compute), output, compat);
  } catch (const OutputError& e) {
    receiver.stop();
    if (e.broken_pipe()) return kExitOk;
    std::cerr << "trace_summary: cannot write the output: " << e.what() << '\n';
    return kExitOutput;
  } catch (const DataError& e) {
    receiver.stop();
    std::cerr << "trace_summary: listen: " << e.what() << '\n';
    return kExitBadData;
  }
  return kExitOk;
}

}  // namespace trace_summary
