// trace_summary: summarise Triton Inference Server trace files.
#include <string_view>

#include "app/cli.hpp"
#include "app/compare_cli.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "compare") return trace_summary::run_compare_cli(argc - 1, argv + 1);
  return trace_summary::run_cli(argc, argv);
}
