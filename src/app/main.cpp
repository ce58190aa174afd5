// trace_summary: summarise Triton Inference Server trace files.
#include "app/cli.hpp"

int main(int argc, char** argv) { return trace_summary::run_cli(argc, argv); }
