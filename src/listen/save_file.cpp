#include "listen/save_file.hpp"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace trace_summary {
namespace {

std::string reason(int error) { return std::strerror(error); }

// The last byte of the open file `fd` is not a line break.
bool ends_inside_line(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) return false;
  char last = '\n';
  return ::pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
}

// Reads exactly `size` bytes from the socket `fd`: false at its end or on
// an error.
bool receive_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Sends all of `data` on the socket `fd` (never raising SIGPIPE): 0, or the
// errno of the failure.
int send_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

// Writes all of `data` to the file `fd`: 0, or the errno of the failure.
int write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

// The writer process: takes frames (8-byte length, then the line) from
// `channel`, appends each line to `file`, syncs it, and answers with 0 or the
// errno of the failure. At the end of the channel (the receiver closed it,
// or was killed) it exits; a frame cut short there is never written.
[[noreturn]] void run_writer(int file, int channel) {
  // Ctrl-C on a terminal signals the whole process group; the receiver
  // stops on it, and the writer only when its channel closes.
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
  std::signal(SIGHUP, SIG_IGN);
  const int null = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd <= 2; ++fd) {  // hold none of the receiver's pipes open
    if (null >= 0) ::dup2(null, fd);
    else ::close(fd);
  }
  try {
    std::string line;
    for (;;) {
      std::uint64_t size = 0;
      if (!receive_all(channel, &size, sizeof size)) break;
      line.resize(static_cast<std::size_t>(size));
      if (!receive_all(channel, line.data(), line.size())) break;
      int error = write_all(file, line.data(), line.size());
      if (error == 0 && ::fdatasync(file) != 0 && errno != EINVAL) error = errno;
      if (send_all(channel, &error, sizeof error) != 0) break;
    }
  } catch (...) {  // out of memory: the receiver sees the channel close
    ::_exit(1);
  }
  ::_exit(0);
}

}  // namespace

void join_lines(std::string& json) {
  for (char& c : json) {
    if (c == '\n' || c == '\r') c = ' ';
  }
}

SaveFile::SaveFile(const std::string& path) : path_(path) {
  const int file = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (file < 0) throw std::runtime_error("cannot open " + path + ": " + reason(errno));
  const int probe = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (probe >= 0) {
    needs_newline_ = ends_inside_line(probe);
    ::close(probe);
  }
  int channel[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0) {
    const int error = errno;
    ::close(file);
    throw std::runtime_error("cannot start the writer of " + path + ": " + reason(error));
  }
  writer_ = ::fork();
  if (writer_ == 0) {
    ::close(channel[0]);
    run_writer(file, channel[1]);
  }
  const int error = errno;
  ::close(file);
  ::close(channel[1]);
  if (writer_ < 0) {
    ::close(channel[0]);
    throw std::runtime_error("cannot start the writer of " + path + ": " + reason(error));
  }
  channel_ = channel[0];
}

SaveFile::~SaveFile() {
  ::close(channel_);
  int status = 0;
  while (::waitpid(writer_, &status, 0) < 0 && errno == EINTR) {
  }
}

void SaveFile::append(std::string json) {
  join_lines(json);
  if (needs_newline_) json.insert(json.begin(), '\n');
  json.push_back('\n');
  const std::uint64_t size = json.size();
  int error = send_all(channel_, &size, sizeof size);
  if (error == 0) error = send_all(channel_, json.data(), json.size());
  if (error == 0 && !receive_all(channel_, &error, sizeof error)) error = EPIPE;
  if (error != 0) throw std::runtime_error("cannot write " + path_ + ": " + reason(error));
  needs_newline_ = false;
}

}  // namespace trace_summary
