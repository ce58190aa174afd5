#include "trace_summary/input_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <sys/stat.h>

namespace trace_summary {
namespace {

constexpr std::size_t kBlockSize = std::size_t{1} << 20;

}  // namespace

std::unique_ptr<InputSource> InputSource::open(const std::string& path) {
  std::unique_ptr<InputSource> source(new InputSource());
  if (path == "-") {
    source->file_ = stdin;
  } else {
    source->file_ = std::fopen(path.c_str(), "rb");
    if (source->file_ == nullptr) throw std::system_error(errno, std::generic_category(), path);
    source->owns_file_ = true;
    struct stat st {};
    if (::fstat(fileno(source->file_), &st) == 0) {
      if (S_ISDIR(st.st_mode)) throw std::system_error(EISDIR, std::generic_category(), path);
      if (S_ISREG(st.st_mode)) source->size_hint_ = static_cast<std::uint64_t>(st.st_size);
    }
  }
  source->buffer_.resize(kBlockSize);
  source->pos_ = source->limit_ = source->buffer_.data();
  return source;
}

std::unique_ptr<InputSource> InputSource::from_memory(std::string bytes) {
  std::unique_ptr<InputSource> source(new InputSource());
  source->size_hint_ = bytes.size();
  source->buffer_.assign(bytes.begin(), bytes.end());
  source->pos_ = source->buffer_.data();
  source->limit_ = source->pos_ + source->buffer_.size();
  source->exhausted_ = true;
  return source;
}

InputSource::~InputSource() {
  if (owns_file_) std::fclose(file_);
}

void InputSource::refill() {
  // Account for the block being dropped, so positions stay known.
  const char* begin = buffer_.data();
  const auto used = static_cast<std::size_t>(limit_ - begin);
  lines_before_ += static_cast<std::uint64_t>(std::count(begin, limit_, '\n'));
  for (std::size_t i = used; i > 0; --i) {
    if (begin[i - 1] == '\n') {
      line_start_before_ = block_start_ + i;
      break;
    }
  }
  block_start_ += used;
  pos_ = limit_ = begin;
  if (exhausted_ || file_ == nullptr) return;
  const std::size_t got = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (got == 0) {
    exhausted_ = true;
    if (std::ferror(file_)) read_error_ = std::strerror(errno);
  }
  limit_ = begin + got;
}

std::string InputSource::read_all() {
  std::string out(pos_, limit_);
  while (!exhausted_) {
    refill();
    out.append(pos_, limit_);
  }
  pos_ = limit_;
  return out;
}

InputPosition InputSource::position() const {
  InputPosition p;
  const char* begin = buffer_.data();
  p.byte = offset();
  p.line = 1 + lines_before_ + static_cast<std::uint64_t>(std::count(begin, pos_, '\n'));
  std::uint64_t line_start = line_start_before_;
  for (const char* c = pos_; c > begin; --c) {
    if (c[-1] == '\n') {
      line_start = block_start_ + static_cast<std::uint64_t>(c - begin);
      break;
    }
  }
  p.column = p.byte - line_start + 1;
  return p;
}

}  // namespace trace_summary
