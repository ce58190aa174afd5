// The one file a fuzzing process writes each input to (the targets that
// read files as a path: in parts, again), removed when the process ends.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace trace_summary::testing {

inline const std::string& scratch_file() {
  static const std::string path = [] {
    char name[] = "/tmp/trace_summary_fuzz_XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd < 0) std::abort();
    ::close(fd);
    std::atexit([] { std::remove(scratch_file().c_str()); });
    return std::string(name);
  }();
  return path;
}

}  // namespace trace_summary::testing
