#include "io/input_source.hpp"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace trace_summary {
namespace {

constexpr std::size_t kBlockSize = std::size_t{1} << 20;

}  // namespace

// Inflates a gzip stream (several members one after another, as `cat a.gz
// b.gz` makes, read as one) from the bytes `read_raw` gives.
class GzipDecoder {
 public:
  using RawRead = std::function<std::size_t(char*, std::size_t, std::string&)>;

  GzipDecoder(RawRead read_raw, const char* head, std::size_t head_size) : read_raw_(std::move(read_raw)), in_(kBlockSize) {
    std::memcpy(in_.data(), head, head_size);
    stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
    stream_.avail_in = static_cast<uInt>(head_size);
    ok_ = inflateInit2(&stream_, 15 + 16) == Z_OK;  // 16: gzip wrapper
    if (!ok_) error_ = "cannot start gzip decompression";
  }
  ~GzipDecoder() { inflateEnd(&stream_); }
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  // Fills `into` with up to `size` decompressed bytes; 0 at the end or on error.
  std::size_t read(char* into, std::size_t size) {
    stream_.next_out = reinterpret_cast<Bytef*>(into);
    stream_.avail_out = static_cast<uInt>(size);
    while (ok_ && stream_.avail_out == size) {
      if (stream_.avail_in == 0 && !fill()) {
        if (in_member_ && ok_) fail("the gzip data ends early");
        break;
      }
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      in_member_ = true;
      if (rc == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&stream_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        fail(std::string("the gzip data is corrupt: ") + (stream_.msg ? stream_.msg : "inflate failed"));
      }
    }
    return size - stream_.avail_out;
  }
  const std::string& error() const { return error_; }

 private:
  bool fill() {
    std::string error;
    const std::size_t got = read_raw_(in_.data(), in_.size(), error);
    if (!error.empty()) fail(std::move(error));
    stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
    stream_.avail_in = static_cast<uInt>(got);
    return got > 0;
  }
  void fail(std::string what) {
    ok_ = false;
    error_ = std::move(what);
  }

  RawRead read_raw_;
  std::vector<char> in_;
  z_stream stream_{};
  bool ok_ = false;
  bool in_member_ = false;
  std::string error_;
};

OpenFile::~OpenFile() {
  if (owned_) ::close(fd_);
}

std::string OpenFile::read_at(std::uint64_t offset, std::size_t size) const {
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::pread(fd_, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
    if (got == 0) break;
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw std::system_error(errno, std::generic_category(), path_);
    done += static_cast<std::size_t>(got);
  }
  bytes.resize(done);
  return bytes;
}

// A second thread that reads the next block of a regular file while the
// parser works through the current one, so reading (the kernel's copy, or
// gzip's inflating) overlaps parsing on a second core. It hands over one
// block at a time; every field below is guarded by `mutex`.
struct BlockPrefetch {
  std::thread thread;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<char> block;
  std::size_t size = 0;
  std::string error;
  std::uint64_t progress = 0;
  bool ready = false;  // `block` holds the next block
  bool stop = false;   // the input is being destroyed
};

InputSource::InputSource() = default;

void InputSource::prefetch_loop(BlockPrefetch& p) {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(p.mutex);
      p.changed.wait(lock, [&p] { return !p.ready || p.stop; });
      if (p.stop) return;
    }
    std::string error;
    std::uint64_t progress = 0;
    const std::size_t got = read_block(p.block.data(), p.block.size(), error, progress);
    {
      std::lock_guard<std::mutex> lock(p.mutex);
      p.size = got;
      p.error = std::move(error);
      p.progress = progress;
      p.ready = true;
    }
    p.changed.notify_all();
    if (got == 0) return;  // the end, or an error
  }
}

// The next block into buffer_: from the prefetching thread when there is one.
std::size_t InputSource::next_block(std::uint64_t& progress) {
  if (!prefetch_) return read_block(buffer_.data(), buffer_.size(), read_error_, progress);
  BlockPrefetch& p = *prefetch_;
  std::size_t got = 0;
  {
    std::unique_lock<std::mutex> lock(p.mutex);
    p.changed.wait(lock, [&p] { return p.ready; });
    buffer_.swap(p.block);
    got = p.size;
    if (!p.error.empty()) read_error_ = p.error;
    progress = p.progress;
    p.ready = false;
  }
  p.changed.notify_all();
  return got;
}

std::unique_ptr<InputSource> InputSource::open(const std::string& path) {
  std::unique_ptr<InputSource> source(new InputSource());
  if (path == "-") {
    source->file_ = std::make_shared<OpenFile>(0, "", false);
  } else {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), path);
    source->file_ = std::make_shared<OpenFile>(fd, path, true);
    source->path_ = path;
    struct stat st {};
    if (::fstat(fd, &st) == 0) {
      if (S_ISDIR(st.st_mode)) throw std::system_error(EISDIR, std::generic_category(), path);
      if (S_ISREG(st.st_mode)) source->size_hint_ = static_cast<std::uint64_t>(st.st_size);
      source->positional_ = S_ISREG(st.st_mode);
    }
  }
  source->buffer_.resize(kBlockSize);
  source->pos_ = source->limit_ = source->buffer_.data();
  return source;
}

std::unique_ptr<InputSource> InputSource::read_again(const InputSource& whole) {
  std::unique_ptr<InputSource> source(new InputSource());
  source->file_ = whole.file_;
  source->path_ = whole.path_;
  source->size_hint_ = whole.size_hint_;
  source->positional_ = whole.positional_;
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

std::unique_ptr<InputSource> InputSource::from_memory_in_blocks(std::string bytes, std::size_t block) {
  std::unique_ptr<InputSource> source(new InputSource());
  source->size_hint_ = bytes.size();
  source->memory_ = std::move(bytes);
  source->buffer_.resize(std::max<std::size_t>(block, 1));
  source->pos_ = source->limit_ = source->buffer_.data();
  return source;
}

std::unique_ptr<InputSource> InputSource::open_array_tail(const InputSource& whole, std::uint64_t offset) {
  if (offset == 0 || !whole.positional_) throw std::system_error(EINVAL, std::generic_category(), whole.path_);
  std::unique_ptr<InputSource> source = read_again(whole);
  source->first_block_ = false;  // no gzip magic to look for in the middle
  source->file_bytes_read_ = offset;
  source->buffer_[0] = '[';
  source->pos_ = source->buffer_.data();
  source->limit_ = source->pos_ + 1;
  source->block_start_ = offset - 1;
  source->line_start_before_ = offset - 1;
  return source;
}

InputSource::~InputSource() {
  if (prefetch_) {
    {
      std::lock_guard<std::mutex> lock(prefetch_->mutex);
      prefetch_->stop = true;
    }
    prefetch_->changed.notify_all();
    prefetch_->thread.join();
  }
}

// Starts the read-ahead thread. Without one (no thread can be had: a process
// limit) blocks are read on this thread, which only costs speed.
void InputSource::start_prefetch() {
  prefetch_tried_ = true;
  auto prefetch = std::make_unique<BlockPrefetch>();
  prefetch->block.resize(buffer_.size());
  BlockPrefetch& p = *prefetch;
  try {
    p.thread = std::thread([this, &p] { prefetch_loop(p); });
  } catch (const std::system_error&) {
    return;
  }
  prefetch_ = std::move(prefetch);
}

void InputSource::refill() {
  // Account for the block being dropped, so positions stay known.
  const char* begin = buffer_.data();
  const auto used = static_cast<std::size_t>(limit_ - begin);
  for (const char* c = begin; used > 0 && (c = static_cast<const char*>(std::memchr(c, '\n', static_cast<std::size_t>(limit_ - c))));
       ++c) {
    ++lines_before_;
    line_start_before_ = block_start_ + static_cast<std::uint64_t>(c - begin) + 1;
  }
  block_start_ += used;
  pos_ = limit_ = begin;
  if (file_ == nullptr && !exhausted_) {
    const std::size_t got = std::min(buffer_.size(), memory_.size() - memory_at_);
    std::memcpy(buffer_.data(), memory_.data() + memory_at_, got);
    memory_at_ += got;
    exhausted_ = got == 0;
    limit_ = pos_ + got;
    return;
  }
  if (exhausted_ || file_ == nullptr) return;
  if (cancelled_ != nullptr && cancelled_->load(std::memory_order_relaxed)) {
    exhausted_ = true;
    return;
  }
  if (!prefetch_ && !prefetch_tried_ && positional_) start_prefetch();
  std::uint64_t progress = 0;
  const std::size_t got = next_block(progress);
  if (got == 0) exhausted_ = true;
  pos_ = buffer_.data();
  limit_ = pos_ + got;
  if (observer_) observer_(progress);
}

std::size_t InputSource::read_block(char* into, std::size_t size, std::string& error, std::uint64_t& progress) {
  if (gzip_) {
    const std::size_t got = gzip_->read(into, size);
    if (got == 0 && !gzip_->error().empty()) error = gzip_->error();
    progress = file_bytes_read_;
    return got;
  }
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, stop_at_ - std::min(stop_at_, file_bytes_read_)));
  std::size_t got = read_file(into, size, error);
  progress = file_bytes_read_;
  if (first_block_) {
    first_block_ = false;
    if (is_gzip(into, got)) {
      auto read_raw = [this](char* to, std::size_t n, std::string& e) { return read_file(to, n, e); };
      gzip_ = std::make_unique<GzipDecoder>(read_raw, into, got);
      got = read_block(into, size, error, progress);
    }
  }
  return got;
}

// Fills `into` as far as the file goes: a pipe may return less per read.
std::size_t InputSource::read_file(char* into, std::size_t size, std::string& error) {
  std::size_t done = 0;
  while (done < size) {
    const int fd = file_->fd();
    const ssize_t got = positional_ ? ::pread(fd, into + done, size - done, static_cast<off_t>(file_bytes_read_))
                                    : ::read(fd, into + done, size - done);
    if (got == 0) break;
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = std::strerror(errno);
      break;
    }
    done += static_cast<std::size_t>(got);
    file_bytes_read_ += static_cast<std::uint64_t>(got);
  }
  return done;
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
  // Counted on from where the last call in this block left off: a reader
  // that asks often pays for each byte once.
  LineCount& n = line_count_;
  if (n.block != begin || n.block_start != block_start_ || n.to > pos_) n = {begin, block_start_, begin, lines_before_, line_start_before_};
  for (const char* c = n.to; c < pos_; ++c) {
    c = static_cast<const char*>(std::memchr(c, '\n', static_cast<std::size_t>(pos_ - c)));
    if (c == nullptr) break;
    ++n.lines;
    n.line_start = block_start_ + static_cast<std::uint64_t>(c - begin) + 1;
  }
  n.to = pos_;
  p.line = 1 + n.lines;
  p.column = p.byte - n.line_start + 1;
  return p;
}

}  // namespace trace_summary
