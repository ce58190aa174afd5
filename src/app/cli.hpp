// The command-line front end: parses arguments, opens every file, and writes
// each file's report to standard output.
#pragma once

namespace trace_summary {

/// Exit statuses.
enum ExitStatus : int {
  kExitOk = 0,        ///< every file summarised
  kExitBadData = 1,   ///< some file held data that cannot be summarised
  kExitUsage = 2,     ///< bad arguments, or a file that cannot be opened
  kExitOutput = 3,    ///< standard output could not be written (e.g. disk full)
  kExitEmpty = 5,     ///< with --fail-if-empty: a file in which no trace was counted
};

/// Runs trace_summary with `argv`; returns the exit status.
int run_cli(int argc, char** argv);

}  // namespace trace_summary
