#include "app/compare_cli.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "app/cli.hpp"
#include "base/errors.hpp"
#include "compare/compare_renderers.hpp"
#include "compare/comparison.hpp"
#include "compare/fail_rule.hpp"
#include "engine/report_builder.hpp"

namespace trace_summary {
namespace {

constexpr const char* kHelp = R"(Usage: trace_summary compare [OPTIONS] BASE NEW
       trace_summary compare [OPTIONS] --base FILE... --new FILE...

Compares two runs per protocol, model and span: count, mean, percentiles and
max of both, the change, and a two-sided Mann-Whitney U test on the
per-request values (as scipy.stats.mannwhitneyu), its p-value corrected by
Holm's method for testing every span at once. "~": corrected p >= --alpha.

  BASE NEW            one trace or OpenTelemetry file each (gzip or not)
  --base FILE         a file of the base run (repeatable: merged as one run)
  --new FILE          a file of the new run (repeatable: merged as one run)
  --format FORMAT     text (default, 80 columns), markdown, json
                      (docs/compare-output.md) or csv
  --percentiles LIST  percentiles to compare, comma-separated (default 50,90,99)
  --alpha A           significance level, 0 < A < 1 (default 0.05)
  --method METHOD     auto (default: exact below 9 values without ties,
                      otherwise asymptotic), exact or asymptotic
  --fail-if RULE      exit 4 when a significant change breaks RULE
                      (repeatable): [MODEL:][SPAN:]STAT>THRESHOLD or <, STAT
                      count, mean, max or pNN, THRESHOLD +10% or +200us;
                      e.g. p99>+10%, queue:mean>+200us, resnet50:queue:p99>+5%
  --model NAME        only the traces of model NAME (repeatable)
  --compat MODE       classic (default) or current, as for the summary
  --skip-invalid      leave out invalid records and traces
  -j, --jobs N        threads to read one large file with
  -h, --help          print this help and exit

Exit status: 0 compared, 1 a run held data that cannot be summarised,
2 usage error or a file that cannot be opened, 3 the output could not be
written, 4 a --fail-if rule is broken.
)";

struct CompareArguments {
  std::vector<std::string> positional, base, now, rules, models;
  std::string format = "text", compat = "classic", method = "auto";
  std::vector<double> percentiles = {50, 90, 99};
  double alpha = 0.05;
  unsigned jobs = 0;
  bool skip_invalid = false, help = false;
};

struct UsageError {
  std::string message;
};

std::vector<double> parse_percentile_list(const std::string& text) {
  std::vector<double> out;
  std::string part;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ',') {
      part += text[i];
      continue;
    }
    const auto p = parse_percent_number(part);
    if (!p) throw UsageError{"--percentiles: '" + part + "' is not a number from 0 to 100"};
    if (std::find(out.begin(), out.end(), *p) == out.end()) out.push_back(*p);
    part.clear();
  }
  return out;
}

double parse_alpha(const std::string& text) {
  char* end = nullptr;
  const double a = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(a > 0 && a < 1)) {
    throw UsageError{"--alpha: '" + text + "' is not a number between 0 and 1"};
  }
  return a;
}

unsigned parse_jobs(const std::string& text) {
  char* end = nullptr;
  const unsigned long n = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || end != text.c_str() + text.size() || n < 1 || n > 64 || text[0] == '-') {
    throw UsageError{"--jobs: '" + text + "' is not a number of threads from 1 to 64"};
  }
  return static_cast<unsigned>(n);
}

void check_choice(const std::string& option, const std::string& value, const std::vector<std::string>& choices) {
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
  std::string list;
  for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
  throw UsageError{option + ": '" + value + "' is not one of " + list};
}

CompareArguments parse_compare_arguments(int argc, char** argv) {
  CompareArguments args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::optional<std::string> inline_value;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      inline_value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= argc) throw UsageError{a + " needs a value"};
      return argv[++i];
    };
    if (a == "-h" || a == "--help")
      args.help = true;
    else if (a == "--base")
      args.base.push_back(value());
    else if (a == "--new")
      args.now.push_back(value());
    else if (a == "--format")
      args.format = value();
    else if (a == "--percentiles")
      args.percentiles = parse_percentile_list(value());
    else if (a == "--alpha")
      args.alpha = parse_alpha(value());
    else if (a == "--method")
      args.method = value();
    else if (a == "--fail-if")
      args.rules.push_back(value());
    else if (a == "--model")
      args.models.push_back(value());
    else if (a == "--compat")
      args.compat = value();
    else if (a == "--skip-invalid")
      args.skip_invalid = true;
    else if (a == "-j" || a == "--jobs")
      args.jobs = parse_jobs(value());
    else if (a == "--") {
      for (++i; i < argc; ++i) args.positional.push_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-')
      throw UsageError{"compare: unknown option " + a};
    else
      args.positional.push_back(a);
  }
  check_choice("--format", args.format, comparison_formats());
  check_choice("--compat", args.compat, {"classic", "current"});
  check_choice("--method", args.method, {"auto", "exact", "asymptotic"});
  return args;
}

// The two runs' files: BASE NEW, or --base ... --new ....
void assign_sides(CompareArguments& args) {
  if (!args.base.empty() || !args.now.empty()) {
    if (!args.positional.empty()) {
      throw UsageError{"compare: give BASE NEW, or --base FILE and --new FILE, not both ('" + args.positional[0] +
                       "')"};
    }
    if (args.base.empty()) throw UsageError{"compare: --new without --base"};
    if (args.now.empty()) throw UsageError{"compare: --base without --new"};
    return;
  }
  if (args.positional.size() != 2) {
    throw UsageError{"compare: give two runs to compare, BASE NEW (got " + std::to_string(args.positional.size()) +
                     " file" + (args.positional.size() == 1 ? "" : "s") + ")"};
  }
  args.base = {args.positional[0]};
  args.now = {args.positional[1]};
}

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

// One run's report; throws UsageError (cannot open) or DataError (named).
std::unique_ptr<FileReport> load_run(const std::vector<std::string>& files, const CompareArguments& args,
                                     std::string& name) {
  std::vector<std::unique_ptr<InputSource>> sources;
  std::vector<NamedInput> inputs;
  name.clear();
  for (const std::string& path : files) {
    try {
      sources.push_back(InputSource::open(path));
    } catch (const std::system_error& e) {
      throw UsageError{"cannot open " + path + ": " + e.code().message()};
    }
    inputs.push_back({shown(path), sources.back().get()});
    name += (name.empty() ? "" : ", ") + shown(path);
  }
  const LoadRequest load{false, args.skip_invalid, args.jobs};
  const ComputeOptions compute{args.compat == "current" ? Compat::Current : Compat::Classic, args.models, true};
  auto report = build_report(inputs, name, load, compute);
  for (const Warning& w : report->warnings()) std::cerr << w.input << ": " << w.text << '\n';
  return report;
}

CompareOptions compare_options(const CompareArguments& args, const std::vector<FailRule>& rules) {
  CompareOptions options;
  options.percentiles = args.percentiles;
  for (const FailRule& rule : rules) {  // a rule's percentile is computed (and shown) too
    const Statistic& s = rule.statistic;
    if (s.kind == Statistic::Kind::Percentile &&
        std::find(options.percentiles.begin(), options.percentiles.end(), s.percentile) == options.percentiles.end()) {
      options.percentiles.push_back(s.percentile);
    }
  }
  options.alpha = args.alpha;
  options.method = args.method == "exact"        ? MwuMethod::Exact
                   : args.method == "asymptotic" ? MwuMethod::Asymptotic
                                                 : MwuMethod::Auto;
  return options;
}

int compare_runs(CompareArguments& args) {
  assign_sides(args);
  std::vector<FailRule> rules;
  for (const std::string& text : args.rules) {
    try {
      rules.push_back(parse_fail_rule(text));
    } catch (const std::invalid_argument& e) {
      throw UsageError{e.what()};
    }
  }
  if (args.jobs == 0) args.jobs = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::string base_name, new_name;
  std::unique_ptr<FileReport> base, now;
  try {
    base = load_run(args.base, args, base_name);
  } catch (const DataError& e) {
    std::cerr << base_name << ": " << e.what() << '\n';
    return kExitBadData;
  }
  try {
    now = load_run(args.now, args, new_name);
  } catch (const DataError& e) {
    std::cerr << new_name << ": " << e.what() << '\n';
    return kExitBadData;
  }
  const Comparison comparison = compare_reports(*base, *now, compare_options(args, rules));
  base.reset();
  now.reset();
  const std::vector<Violation> broken = broken_rules(comparison, rules);
  Output out(1);
  write_comparison(args.format, comparison, broken, out);
  out.flush();
  for (const Violation& v : broken) std::cerr << "trace_summary: " << describe(v) << '\n';
  return broken.empty() ? kExitOk : kExitRuleBroken;
}

}  // namespace

int run_compare_cli(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  try {
    CompareArguments args = parse_compare_arguments(argc, argv);
    if (args.help) {
      std::cout << kHelp;
      return kExitOk;
    }
    return compare_runs(args);
  } catch (const UsageError& e) {
    std::cerr << "trace_summary: " << e.message << "\nRun 'trace_summary compare --help' for more information.\n";
    return kExitUsage;
  } catch (const OutputError& e) {
    if (e.broken_pipe()) return kExitOk;
    std::cerr << "trace_summary: cannot write the output: " << e.what() << '\n';
    return kExitOutput;
  }
}

}  // namespace trace_summary
