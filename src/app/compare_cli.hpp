// `trace_summary compare`: compares two runs (each one file or several
// merged) per protocol, model and span, and checks --fail-if rules.
#pragma once

namespace trace_summary {

/// Exit status when a significant change breaks a --fail-if rule.
inline constexpr int kExitRuleBroken = 4;

/// Runs `trace_summary compare ARGS`; argv[0] is "compare". Returns the exit status.
int run_compare_cli(int argc, char** argv);

}  // namespace trace_summary
