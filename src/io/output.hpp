// Buffered output to a file descriptor (or to memory, for tests) that
// reports write failures instead of losing them.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace trace_summary {

/// Writing the output failed. `broken_pipe()`: the reader went away, which
/// ends the program quietly; anything else (a full disk) is an error.
class OutputError : public std::runtime_error {
 public:
  OutputError(const std::string& what, bool broken_pipe) : std::runtime_error(what), broken_pipe_(broken_pipe) {}
  bool broken_pipe() const { return broken_pipe_; }

 private:
  bool broken_pipe_;
};

/// Collects text and writes it in large blocks.
class Output {
 public:
  /// Writes to file descriptor `fd`.
  explicit Output(int fd) : fd_(fd) {}
  /// Keeps everything in memory; read it with text().
  Output() = default;
  /// Keeps nothing; counts the bytes (to render something only to check it).
  struct Discard {};
  explicit Output(Discard) : discard_(true) {}
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  Output& operator<<(std::string_view text) {
    written_ += text.size();
    if (discard_) return *this;
    buffer_.append(text);
    if (fd_ >= 0 && buffer_.size() >= kFlushAt) flush();
    return *this;
  }
  Output& operator<<(char c) {
    ++written_;
    if (discard_) return *this;
    buffer_.push_back(c);
    return *this;
  }
  /// Writes out what is buffered. Throws OutputError.
  void flush();
  /// What was written, for an in-memory Output.
  const std::string& text() const { return buffer_; }
  /// Forgets what an in-memory Output holds, keeping its storage.
  void clear() { buffer_.clear(); }
  /// How many bytes were written to it in all.
  std::uint64_t bytes_written() const { return written_; }

 private:
  static constexpr std::size_t kFlushAt = std::size_t{1} << 20;
  int fd_ = -1;
  bool discard_ = false;
  std::uint64_t written_ = 0;
  std::string buffer_;
};

}  // namespace trace_summary
