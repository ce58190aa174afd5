// The command line: every option, the help text (80 columns), and the
// checks a value must pass before anything is read. Parsing never prints:
// it returns the arguments, or what to say.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace trace_summary {

struct Arguments {
  std::optional<bool> progress;  ///< unset: only when standard error is a terminal
  bool version = false;
  bool verbose = false;
  bool show_trace = false;
  bool skip_invalid = false;
  bool merge = false;
  bool fail_if_empty = false;
  std::string compat = "classic";
  std::string format = "text";
  std::vector<double> percentiles = {50, 90, 99};
  bool percentiles_given = false;
  std::vector<std::string> models;  ///< one per --model, as given (a,b not yet split)
  std::uint64_t top = 0;            ///< --top N (0: not asked)
  std::string sort = "request";     ///< --sort SPAN
  std::string timeline;
  bool timeline_given = false;
  std::uint64_t timeline_limit = 10000;
  unsigned jobs = 1;
  std::vector<std::string> files;
  // The report page and latency over time.
  std::string html;  ///< --html FILE
  bool html_given = false;
  std::uint64_t window_ns = 0;  ///< --window DURATION (0: not asked)
};

/// What parsing decided.
struct ParseResult {
  enum class Action { Run, Print, Fail } action = Action::Run;
  Arguments args;
  std::string text;  ///< Print: for standard output (help, version); Fail: the message
};

ParseResult parse_arguments(int argc, char** argv);

/// The width of every --help, and the column option descriptions start at.
inline constexpr std::size_t kHelpWidth = 80;
inline constexpr std::size_t kHelpColumn = 26;

/// `text` folded into lines that fit beside the option names (or into
/// `width` columns).
std::string wrap_help(const std::string& text, std::size_t width = kHelpWidth - kHelpColumn);

/// --model NAME on `app`, described by `help`: one value per use, so that a
/// FILE after it stays a FILE; repeatable, every use kept.
void add_model_option(CLI::App& app, std::vector<std::string>& models, const std::string& help);

/// The --sort keys: `request` and each span key of the catalogue.
std::vector<std::string> sort_keys();

/// The long options (`--format`, ...), for suggestions and tests.
std::vector<std::string> long_option_names();

/// "10s", "250ms", "1.5m", "500us", "100ns" in ns; nullopt when it is not
/// a positive duration with one of the units ns, us, ms, s, m, h.
std::optional<std::uint64_t> parse_duration(const std::string& text);

/// The closest of `candidates` to `word` (at most 3 edits away), or "".
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace trace_summary
