// `trace_summary listen`: the live OTLP/HTTP receiver's command line.
#pragma once

namespace trace_summary {

/// Runs `trace_summary listen ARGS` (`argv[0]` is "listen"); returns the exit status.
int run_listen(int argc, char** argv);

}  // namespace trace_summary
