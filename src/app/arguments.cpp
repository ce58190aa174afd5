#include "app/arguments.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "report/span_catalogue.hpp"

namespace trace_summary {
namespace {


constexpr const char* kDescription =
    "Summarise Triton Inference Server trace files (--trace-config\n"
    "level=TIMESTAMPS): per model, where the time of an inference request went\n"
    "(HTTP/GRPC receive and send, queue, compute input/infer/output). The default\n"
    "output is exactly what Triton's trace_summary.py prints.\n";

constexpr const char* kFooter =
    "Subcommands:\n"
    "  compare  did latency change between two runs, where, and is it real\n"
    "           (trace_summary compare --help)\n"
    "  listen   receive tritonserver's OpenTelemetry export (OTLP/HTTP JSON) and\n"
    "           summarise it live (trace_summary listen --help)\n"
    "\n"
    "FILE is a trace file written by tritonserver; '-' reads standard input. gzip\n"
    "input is recognised by its content. Each file is summarised on its own, in\n"
    "the order given, unless --merge reads them as one.\n"
    "\n"
    "Exit status:\n"
    "  0  every file was summarised (a file that ends before its closing ']', as\n"
    "     a running server leaves it, is summarised with a warning)\n"
    "  1  a file held data that cannot be summarised (not a trace file, a span\n"
    "     that ends before it starts or lacks an end, a --model it does not\n"
    "     hold); the message names the file, the place and the trace; the other\n"
    "     files are still summarised\n"
    "  2  usage error: bad arguments, or a FILE that cannot be opened (the other\n"
    "     files are still summarised)\n"
    "  3  the output could not be written (for example, a full disk)\n"
    "  4  compare --fail-if: a significant change broke a rule\n"
    "  5  with --fail-if-empty: a file in which no trace could be counted\n";

// Threads to read a large file with: the cores, at most 4 (the parts' records
// are taken in on one thread, so more pay little).
unsigned default_jobs() { return std::clamp(std::thread::hardware_concurrency(), 1u, 4u); }

}  // namespace

std::string wrap_help(const std::string& text, std::size_t width) {
  std::istringstream words(text);
  std::string word, line, out;
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + '\n';
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

namespace {

std::string describe(const std::string& text) { return wrap_help(text); }

// A whole number from `low` to `high`, written in decimal digits only.
std::optional<std::uint64_t> whole_number(const std::string& text, std::uint64_t low, std::uint64_t high) {
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), ::isdigit)) return std::nullopt;
  const std::uint64_t value = std::stoull(text);
  if (value < low || value > high) return std::nullopt;
  return value;
}

// A decimal number: digits with at most one '.', nothing else.
std::optional<double> decimal(const std::string& text) {
  const auto dots = std::count(text.begin(), text.end(), '.');
  const auto digits = std::count_if(text.begin(), text.end(), ::isdigit);
  if (digits == 0 || dots > 1 || static_cast<std::size_t>(digits + dots) != text.size()) return std::nullopt;
  return std::stod(text);
}

// "50,95,99.9" -> {50, 95, 99.9}; a message when it is not such a list.
std::optional<std::string> parse_percentiles(const std::string& text, std::vector<double>& out) {
  out.clear();
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, ',')) {
    const auto p = decimal(part);
    if (!p || *p > 100) return "--percentiles: '" + part + "' is not a number from 0 to 100";
    if (std::find(out.begin(), out.end(), *p) != out.end()) return "--percentiles: " + part + " is given twice";
    out.push_back(*p);
  }
  if (out.empty() || text.back() == ',') return std::string("--percentiles: give a comma-separated list, e.g. 50,90,99");
  return std::nullopt;
}

struct RawValues {
  std::string percentiles, top, timeline_limit, jobs;
  std::string window;
};

void add_page_options(CLI::App& app, Arguments& args, RawValues& raw) {
  app.add_option("--html", args.html,
                 describe("Also write one self-contained HTML page to FILE: per model where the time goes, "
                          "distributions, latency over time, the slowest requests, ensembles"))
      ->type_name("FILE");
  app.add_option("--window", raw.window,
                 describe("Request time per window of DURATION (10s, 500ms, 1m): count, p50, p99 in table, "
                          "json and csv, and on the --html page"))
      ->type_name("DURATION");
}

std::optional<std::string> check_page_values(Arguments& args, const RawValues& raw) {
  if (!raw.window.empty()) {
    const auto window = parse_duration(raw.window);
    if (!window) return "--window: '" + raw.window + "' is not a duration such as 10s, 500ms or 1m";
    args.window_ns = *window;
  }
  if (args.html_given && args.html.empty()) return std::string("--html: give a file name");
  if (args.html == "-") return std::string("--html: standard output carries the summary; give a file name");
  if (!args.html.empty() && args.html == args.timeline) {
    return std::string("--html and --timeline name the same file; give two file names");
  }
  return std::nullopt;
}

}  // namespace

void add_model_option(CLI::App& app, std::vector<std::string>& models, const std::string& help) {
  app.add_option("--model", models, help)
      ->type_name("NAME")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

namespace {

void add_options(CLI::App& app, Arguments& args, RawValues& raw) {
  app.footer(kFooter);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // the last one given wins
  app.get_formatter()->column_width(kHelpColumn);
  app.set_help_flag("-h,--help", describe("Print this help and exit"));
  app.add_flag("--version", args.version, describe("Print the version and exit"));
  app.add_flag("-t,--show-trace", args.show_trace,
               describe("Also list every counted trace: model, id, parent id, and its timestamps with the time "
                        "between them (json: include every trace)"));
  app.add_flag("-v,--verbose", args.verbose,
               describe("Print each whole parsed file first, as Python's json.dumps does (text format)"));
  app.add_option("--compat", args.compat,
                 describe("Which trace_summary.py to reproduce: classic (July 2023, the default) or current "
                          "(January 2024: GRPC infer time starts at GRPC_WAITREAD_END, no Wait/Read line)"))
      ->type_name("MODE");
  app.add_flag("--skip-invalid", args.skip_invalid,
               describe("Leave out each record or trace that breaks a rule instead of stopping at the first; "
                        "say on standard error how many were left out and why"));
  app.add_option("--format", args.format,
                 describe("text (the classic summary, the default), table (percentiles per span), json (one "
                          "document, docs/json-output.md), csv (a row per span), jsonl or csv-requests (a row "
                          "per counted request)"))
      ->type_name("FORMAT");
  app.add_option("--percentiles", raw.percentiles,
                 describe("The percentiles of table, json and csv, comma-separated (default 50,90,99)"))
      ->type_name("LIST");
  app.add_flag("--merge", args.merge,
               describe("Summarise all FILEs as one trace set (log_frequency shards trace.json.0, .1, ...)"));
  add_model_option(app, args.models,
                   describe("Only the traces of model NAME (repeatable; NAME,NAME for several); an ensemble "
                            "keeps the traces of the models it ran"));
  app.add_option("--top", raw.top,
                 describe("Also list the N slowest counted requests, each with where its time went"))
      ->type_name("N");
  app.add_option("--sort", args.sort,
                 describe("What --top and --timeline rank by: request (the default), or a span key such as "
                          "queue, compute, compute_infer, handler (docs/json-output.md)"))
      ->type_name("SPAN");
  app.add_option("--timeline", args.timeline,
                 describe("Also write the slowest traces as Chrome Trace Event JSON to FILE, for "
                          "ui.perfetto.dev or chrome://tracing"))
      ->type_name("FILE");
  app.add_option("--timeline-limit", raw.timeline_limit,
                 describe("At most N traces (the slowest, with the models they ran) per file in the "
                          "timeline (default 10000)"))
      ->type_name("N");
  app.add_flag("--fail-if-empty", args.fail_if_empty,
               describe("Exit with status 5 when a file holds no trace that could be counted"));
  app.add_option("-j,--jobs", raw.jobs,
                 describe("Threads to read one large file with (default: the cores, at most 4; 1: one pass)"))
      ->type_name("N");
  app.add_flag_function(
      "--progress", [&args](std::int64_t) { args.progress = true; },
      describe("Show a progress line on standard error while reading (default: only on a terminal)"));
  app.add_flag_function("--no-progress", [&args](std::int64_t) { args.progress = false; },
                        describe("Never show the progress line"));
  add_page_options(app, args, raw);
  app.add_option("FILE", args.files, describe("Trace files to summarise ('-' is standard input)"))->type_name("");
}

// The checks each option's value must pass; a message when one fails.
std::optional<std::string> check_values(Arguments& args, const RawValues& raw) {
  static const std::vector<std::string> kFormats = {"text", "table", "json", "csv", "jsonl", "csv-requests"};
  if (std::find(kFormats.begin(), kFormats.end(), args.format) == kFormats.end()) {
    const std::string near = closest(args.format, kFormats);
    return "--format: '" + args.format + "' is not one of text, table, json, csv, jsonl, csv-requests" +
           (near.empty() ? "" : "; did you mean " + near + "?");
  }
  if (args.compat != "classic" && args.compat != "current") {
    return "--compat: '" + args.compat + "' is not classic or current";
  }
  const std::vector<std::string> keys = sort_keys();
  if (std::find(keys.begin(), keys.end(), args.sort) == keys.end()) {
    const std::string near = closest(args.sort, keys);
    return "--sort: '" + args.sort + "' is not a span key" + (near.empty() ? "" : "; did you mean " + near + "?");
  }
  if (!raw.percentiles.empty()) {
    if (auto error = parse_percentiles(raw.percentiles, args.percentiles)) return error;
    args.percentiles_given = true;
  }
  if (!raw.top.empty()) {
    const auto top = whole_number(raw.top, 1, 1'000'000'000);
    if (!top) return "--top: '" + raw.top + "' is not a whole number from 1 to 1000000000";
    args.top = *top;
  }
  if (!raw.timeline_limit.empty()) {
    const auto limit = whole_number(raw.timeline_limit, 1, 1'000'000'000);
    if (!limit) return "--timeline-limit: '" + raw.timeline_limit + "' is not a whole number from 1 to 1000000000";
    args.timeline_limit = *limit;
  }
  args.jobs = default_jobs();
  if (!raw.jobs.empty()) {
    const auto jobs = whole_number(raw.jobs, 1, 64);
    if (!jobs) return "--jobs: '" + raw.jobs + "' is not a whole number from 1 to 64";
    args.jobs = static_cast<unsigned>(*jobs);
  }
  for (const std::string& model : args.models) {
    if (model.empty()) return std::string("--model: give a model name");
  }
  if (args.timeline_given && args.timeline.empty()) return std::string("--timeline: give a file name");
  if (args.timeline == "-") {
    return std::string("--timeline: standard output carries the summary; give a file name");
  }
  if (auto error = check_page_values(args, raw)) return error;
  if (args.verbose && args.format != "text") return std::string("-v works with --format text only");
  if (args.files.empty()) return std::string("give at least one FILE (or - for standard input)");
  return std::nullopt;
}

// CLI11's message for an unknown option, with the closest known one.
std::string unknown_option_message(const CLI::ExtrasError& e, const CLI::App& app) {
  std::string message = e.what();
  for (const std::string& word : app.remaining()) {
    if (word.size() < 2 || word[0] != '-') continue;
    const std::string near = closest(word.substr(0, word.find('=')), long_option_names());
    message = "unknown option " + word + (near.empty() ? "" : "; did you mean " + near + "?");
    break;
  }
  return message;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> sort_keys() {
  std::vector<std::string> keys = {"request"};
  for (std::string_view key : catalogue_keys()) keys.emplace_back(key);
  return keys;
}

std::vector<std::string> long_option_names() {
  return {"--help",          "--version", "--show-trace", "--verbose",  "--compat",   "--skip-invalid",
          "--format",        "--percentiles", "--merge",  "--model",    "--top",      "--sort",
          "--timeline",      "--timeline-limit", "--fail-if-empty", "--jobs", "--progress", "--no-progress",
          "--html",          "--window"};
}

std::optional<std::uint64_t> parse_duration(const std::string& text) {
  static const std::vector<std::pair<std::string, double>> kUnits = {{"ns", 1},  {"us", 1e3}, {"ms", 1e6},
                                                                     {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
  const std::size_t digits = text.find_first_not_of("0123456789.");
  if (digits == std::string::npos || digits == 0) return std::nullopt;
  const auto number = decimal(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  for (const auto& [name, ns] : kUnits) {
    if (unit != name || !number) continue;
    const double value = std::round(*number * ns);
    if (value < 1 || value > 1e18) return std::nullopt;
    return static_cast<std::uint64_t>(value);
  }
  return std::nullopt;
}

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 4;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

ParseResult parse_arguments(int argc, char** argv) {
  CLI::App app(kDescription, "trace_summary");
  ParseResult result;
  RawValues raw;
  add_options(app, result.args, raw);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return {ParseResult::Action::Print, {}, app.help()};
  } catch (const CLI::ExtrasError& e) {
    return {ParseResult::Action::Fail, {}, unknown_option_message(e, app)};
  } catch (const CLI::ParseError& e) {
    return {ParseResult::Action::Fail, {}, e.what()};
  }
  if (result.args.version) {
    return {ParseResult::Action::Print, {}, std::string("trace_summary ") + TRACE_SUMMARY_VERSION + "\n"};
  }
  result.args.timeline_given = app.count("--timeline") > 0;
  result.args.html_given = app.count("--html") > 0;
  if (auto error = check_values(result.args, raw)) return {ParseResult::Action::Fail, {}, *error};
  return result;
}

}  // namespace trace_summary
