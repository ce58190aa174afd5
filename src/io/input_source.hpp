// Byte input for the loader: a file or standard input, read in large blocks,
// that can say where (byte, line, column) the parser currently is.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace trace_summary {

/// A position in the input, for error messages.
struct InputPosition {
  std::uint64_t byte = 0;  ///< 0-based offset of the next unread byte
  std::uint64_t line = 1;  ///< 1-based
  std::uint64_t column = 1;  ///< 1-based, in bytes
};

class GzipDecoder;
struct BlockPrefetch;

/// An open file descriptor, closed with its last owner. Whatever reads a
/// file after it was opened (its parts on other threads, tensor data read
/// again when printed) reads through the descriptor opened first, at
/// explicit offsets: a file replaced or renamed meanwhile is not seen.
class OpenFile {
 public:
  OpenFile(int fd, std::string path, bool owned) : fd_(fd), path_(std::move(path)), owned_(owned) {}
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  int fd() const { return fd_; }
  /// The name it was opened by, for messages ('' for standard input).
  const std::string& path() const { return path_; }
  /// Up to `size` bytes at `offset` (fewer at the end of the file). Throws
  /// std::system_error on a read error.
  std::string read_at(std::uint64_t offset, std::size_t size) const;

 private:
  int fd_;
  std::string path_;
  bool owned_;
};

/// Reads one input in blocks. Open a file with open(); `-` is standard input.
/// gzip-compressed input (recognised by its first bytes, not its name) is
/// decompressed as it is read.
class InputSource {
 public:
  /// Opens `path` (`-`: standard input). Throws std::system_error when the
  /// file cannot be opened.
  static std::unique_ptr<InputSource> open(const std::string& path);
  /// An input over bytes already in memory (tests, the verbose dump).
  static std::unique_ptr<InputSource> from_memory(std::string bytes);
  /// As from_memory(), handed out in blocks of `block` bytes (tests of
  /// readers that see one block at a time).
  static std::unique_ptr<InputSource> from_memory_in_blocks(std::string bytes, std::size_t block);
  /// The rest of the uncompressed file `path` from byte `offset` on, read as
  /// if a `[` stood just before it (at `offset - 1`, which must be > 0): one
  /// part of a trace file read on its own thread. Offsets are the file's.
  /// Throws std::system_error when the file cannot be opened.
  static std::unique_ptr<InputSource> open_array_tail(const InputSource& whole, std::uint64_t offset);
  /// All of `whole`, a rereadable input, from its first byte again, through
  /// the same descriptor.
  static std::unique_ptr<InputSource> read_again(const InputSource& whole);
  /// `head`, the first bytes of an input, begin with gzip's magic number.
  static bool is_gzip(const char* head, std::size_t size) {
    return size >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
  }

  ~InputSource();
  InputSource(const InputSource&) = delete;
  InputSource& operator=(const InputSource&) = delete;

  /// The file's path, when the input is one ('' for standard input).
  const std::string& path() const { return path_; }
  /// The bytes read so far can be read again through file() at the same
  /// offsets: an uncompressed regular file.
  bool rereadable() const { return !path_.empty() && size_hint_ > 0 && !gzip_; }
  /// The open file, shared by whatever reads it again.
  const std::shared_ptr<const OpenFile>& file() const { return file_; }

  /// The size in bytes when known (a regular file; compressed size for
  /// gzip), else 0.
  std::uint64_t size_hint() const { return size_hint_; }
  /// Reads everything that is left into a string (the verbose dump needs the
  /// bytes twice).
  std::string read_all();
  /// Where the next unread byte is. Lines and columns are counted on demand.
  InputPosition position() const;
  /// Bytes read so far (decompressed bytes for gzip).
  std::uint64_t offset() const { return block_start_ + static_cast<std::uint64_t>(pos_ - data()); }
  bool at_end() const { return pos_ == limit_; }
  /// Calls `observer(bytes read)` after each block is read (a progress line).
  void observe_reads(std::function<void(std::uint64_t)> observer) { observer_ = std::move(observer); }
  const std::function<void(std::uint64_t)>& read_observer() const { return observer_; }
  /// Ends the input at file offset `offset` (before anything is read; not
  /// for gzip): the first part of a file read in parts.
  void stop_at(std::uint64_t offset) { stop_at_ = offset; }
  /// Ends the input early, at the next block, once `*flag` is set: a part
  /// whose result is no longer wanted.
  void cancel_when(const std::atomic<bool>* flag) { cancelled_ = flag; }
  /// Nothing has been read yet.
  bool untouched() const { return first_block_ && block_start_ == 0 && pos_ == limit_ && !exhausted_; }
  /// The bytes read but not yet consumed, reading the next block when there
  /// are none (empty at the end). Consumes nothing.
  std::string_view buffered() {
    if (pos_ == limit_) refill();
    return {pos_, static_cast<std::size_t>(limit_ - pos_)};
  }

  /// Consumes the first `n` bytes that buffered() shows (a reader that
  /// reads them itself), reading the next block when that was all.
  void skip(std::size_t n) {
    pos_ += n;
    if (pos_ == limit_) refill();
  }

  /// Set when reading failed (an I/O error, not the end of the input).
  const std::string& read_error() const { return read_error_; }

  /// A single-pass iterator over the bytes, for nlohmann::json::sax_parse.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    iterator() = default;
    explicit iterator(InputSource* source) : source_(source) {}
    reference operator*() const { return *source_->pos_; }
    iterator& operator++() {
      if (++source_->pos_ == source_->limit_) source_->refill();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.done() == b.done(); }
    friend bool operator!=(const iterator& a, const iterator& b) { return a.done() != b.done(); }

   private:
    bool done() const { return source_ == nullptr || source_->at_end(); }
    InputSource* source_ = nullptr;
  };
  iterator begin() {
    if (pos_ == limit_) refill();
    return iterator(this);
  }
  iterator end() { return iterator(); }

 private:
  InputSource();
  const char* data() const { return buffer_.data(); }
  void refill();
  // Reads the next block into `into`; sets `error` on an I/O error and
  // `progress` to the bytes taken from the file so far.
  std::size_t read_block(char* into, std::size_t size, std::string& error, std::uint64_t& progress);
  // Up to `size` bytes of the file itself, at file_bytes_read_.
  std::size_t read_file(char* into, std::size_t size, std::string& error);
  std::size_t next_block(std::uint64_t& progress);
  void start_prefetch();
  void prefetch_loop(BlockPrefetch& p);


  std::shared_ptr<const OpenFile> file_;
  bool positional_ = false;  // a regular file: read with pread at file_bytes_read_
  std::string path_;
  std::uint64_t size_hint_ = 0;
  std::vector<char> buffer_;
  const char* pos_ = nullptr;
  const char* limit_ = nullptr;
  std::uint64_t block_start_ = 0;      // offset of buffer_[0]
  std::uint64_t lines_before_ = 0;     // newlines before buffer_[0]
  std::uint64_t line_start_before_ = 0;  // offset just after the last newline before buffer_[0]
  bool exhausted_ = false;
  // position(): the lines counted in this block so far.
  struct LineCount {
    const char* block = nullptr;  // the buffer and block they were counted in
    std::uint64_t block_start = 0;
    const char* to = nullptr;       // counted up to here
    std::uint64_t lines = 0;        // newlines before `to`
    std::uint64_t line_start = 0;   // offset just after the last of them
  };
  mutable LineCount line_count_;
  std::string memory_;           // from_memory_in_blocks(): all the bytes
  std::size_t memory_at_ = 0;    // how many of them have been handed out
  bool first_block_ = true;
  std::unique_ptr<GzipDecoder> gzip_;
  std::function<void(std::uint64_t)> observer_;
  std::uint64_t file_bytes_read_ = 0;           // touched by the reading thread only (gzip: compressed bytes)
  std::uint64_t stop_at_ = UINT64_MAX;          // see stop_at()
  const std::atomic<bool>* cancelled_ = nullptr;  // see cancel_when()
  std::unique_ptr<BlockPrefetch> prefetch_;     // a regular file: the next block is read ahead
  bool prefetch_tried_ = false;                 // start_prefetch() ran (whether or not a thread came)
  std::string read_error_;
};

}  // namespace trace_summary
