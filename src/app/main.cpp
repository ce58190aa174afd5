// trace_summary: summarise Triton Inference Server trace files.
#include <cstring>

#include "app/cli.hpp"
#include "app/listen_cli.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "listen") == 0) return trace_summary::run_listen(argc - 1, argv + 1);
  return trace_summary::run_cli(argc, argv);
}
