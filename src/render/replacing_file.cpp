#include "render/replacing_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace trace_summary {
namespace {

// Read-write for everyone the umask allows, as fopen would have created it.
void give_default_mode(int fd) {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
}

}  // namespace

ReplacingFile::ReplacingFile(std::string path, const std::string& tag) : path_(std::move(path)) {
  const std::size_t slash = path_.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path_.substr(0, slash + 1);
  std::string name = dir + ".trace_summary-" + tag + "-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  if (fd <= 2) {  // never let the file take standard input, output or error
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    fd = moved;
  }
  if (fd >= 0) give_default_mode(fd);
  file_ = fd < 0 ? nullptr : ::fdopen(fd, "wb");
  if (file_ == nullptr) {
    if (fd >= 0) ::close(fd);
    ::unlink(name.c_str());
    throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  }
  temp_path_ = name;
  remove_on_signal_.emplace(temp_path_);
}

ReplacingFile::~ReplacingFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    ::unlink(temp_path_.c_str());
  }
}

void ReplacingFile::commit() {
  const bool failed = std::ferror(file_) != 0;
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0 || failed || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp_path_.c_str());
    throw std::runtime_error("cannot write " + path_ + ": " + reason);
  }
  remove_on_signal_->disarm();
}

}  // namespace trace_summary
