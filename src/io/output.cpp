#include "io/output.hpp"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace trace_summary {

Output::~Output() {
  if (fd_ < 0) return;
  try {
    flush();
  } catch (const OutputError&) {
    // Reported by the explicit flush() the program makes before it exits.
  }
}

void Output::flush() {
  if (fd_ < 0) return;
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      buffer_.clear();
      throw OutputError(std::strerror(err), err == EPIPE);
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

}  // namespace trace_summary
