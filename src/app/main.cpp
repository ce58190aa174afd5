// trace_summary: summarise Triton Inference Server trace files.
//
// No exception leaves main: whatever run_cli() does not report itself ends
// the program with one line on standard error and exit status 1.
#include <cstdio>
#include <exception>
#include <new>
#include <string_view>

#include "app/cli.hpp"
#include "app/compare_cli.hpp"
#ifdef TRACE_SUMMARY_WITH_LISTEN
#include "app/listen_cli.hpp"
#endif
#include "base/errors.hpp"

namespace {

constexpr int kExitFailure = 1;

// Writes with fputs, which needs no memory of its own: after bad_alloc,
// building a message could fail again.
int report(const char* what, const char* detail) {
  std::fflush(stdout);
  std::fputs("trace_summary: ", stderr);
  std::fputs(what, stderr);
  std::fputs(detail, stderr);
  std::fputs("\n", stderr);
  return kExitFailure;
}

// `trace_summary compare ...`, `trace_summary listen ...` and `trace_summary FILE...`.
int dispatch(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "compare") return trace_summary::run_compare_cli(argc - 1, argv + 1);
  if (argc > 1 && std::string_view(argv[1]) == "listen") {
#ifdef TRACE_SUMMARY_WITH_LISTEN
    return trace_summary::run_listen(argc - 1, argv + 1);
#else
    std::fputs("trace_summary: this build has no listen subcommand (a static build leaves it out: cpp-httplib is a "
               "shared library)\n", stderr);
    return 2;
#endif
  }
  return trace_summary::run_cli(argc, argv);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const std::bad_alloc&) {
    return report("out of memory", " (the input needs more memory than this process may use)");
  } catch (const std::exception& e) {
    return report("internal error: ", trace_summary::printable(e.what()).c_str());
  } catch (...) {
    return report("internal error", "");
  }
}
