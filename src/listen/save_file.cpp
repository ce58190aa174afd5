#include "listen/save_file.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trace_summary {
namespace {

std::string reason() { return std::strerror(errno); }

// The last byte of the open file `fd` is not a line break.
bool ends_inside_line(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) return false;
  char last = '\n';
  return ::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
}

}  // namespace

void join_lines(std::string& json) {
  for (char& c : json) {
    if (c == '\n' || c == '\r') c = ' ';
  }
}

SaveFile::SaveFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path + ": " + reason());
  int probe = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (probe >= 0) {
    needs_newline_ = ends_inside_line(probe);
    ::close(probe);
  }
}

SaveFile::~SaveFile() {
  if (fd_ >= 0) ::close(fd_);
}

void SaveFile::append(std::string json) {
  join_lines(json);
  if (needs_newline_) json.insert(json.begin(), '\n');
  json.push_back('\n');
  const char* p = json.data();
  std::size_t left = json.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + path_ + ": " + reason());
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  needs_newline_ = false;
  if (::fdatasync(fd_) != 0 && errno != EINVAL) throw std::runtime_error("cannot sync " + path_ + ": " + reason());
}

}  // namespace trace_summary
