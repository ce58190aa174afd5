// Packed timestamps. Each timestamp of a record is stored as its name id and
// the difference of its ns to the previous timestamp of the record (the
// first: to 0), both as LEB128 varints, the difference zigzag-encoded. A
// Triton trace takes about 4 bytes a timestamp this way instead of 10.
#pragma once

#include <cstdint>
#include <vector>

#include "base/stamp_names.hpp"

namespace trace_summary {

/// Asks the kernel to back [data, data + bytes) with 2 MB pages where it can
/// (transparent huge pages in "madvise" mode): far fewer page faults and TLB
/// misses while a large array fills. A hint only; no effect on small ranges.
void advise_huge_pages(const void* data, std::size_t bytes);

/// Gives the whole pages of [data, data + bytes) back to the kernel: memory
/// that will not be read again before it is freed (the part of a file's
/// records already taken in by another trace set). Reading it would give
/// zeros.
void release_pages(const void* data, std::size_t bytes);

class TimestampArena {
 public:
  /// Bytes used; records' ranges are offsets into these.
  std::uint64_t size() const { return bytes_.size(); }
  void reserve(std::uint64_t bytes) { bytes_.reserve(bytes); }
  /// See advise_huge_pages().
  void advise_huge_pages() const;
  /// The bytes before `offset` will not be read again (see release_pages()).
  void release_before(std::uint64_t offset) { release_pages(bytes_.data(), static_cast<std::size_t>(offset)); }
  /// Forgets everything from `offset` on (a record being replaced or dropped).
  void truncate(std::uint64_t offset) { bytes_.resize(offset); }

  /// Appends a timestamp that follows one of value `previous_ns` in the same
  /// record (0 for the first).
  void append(NameId name, std::int64_t ns, std::int64_t previous_ns) {
    std::uint8_t encoded[kMaxEntry];
    std::uint8_t* end = put(encoded, name);
    end = put(end, zigzag(static_cast<std::uint64_t>(ns) - static_cast<std::uint64_t>(previous_ns)));
    bytes_.insert(bytes_.end(), encoded, end);
  }

  /// The record starting at `offset` and running to the end was encoded as
  /// following a timestamp of `encoded_after` ns; re-encodes it as following
  /// `previous_ns` instead (the last timestamp of the record it is appended
  /// to, or 0 to stand alone).
  void rebase(std::uint64_t offset, std::int64_t encoded_after, std::int64_t previous_ns);

  /// Calls `fn(name, ns)` for each timestamp in [begin, end), which must start
  /// at a record's first byte; only those at offsets >= `from` are passed.
  template <typename Fn>
  void decode(std::uint64_t begin, std::uint64_t end, std::uint64_t from, Fn&& fn) const {
    std::uint64_t pos = begin;
    std::uint64_t ns = 0;
    while (pos < end) {
      const std::uint64_t at = pos;
      const auto name = static_cast<NameId>(get(pos));
      ns += unzigzag(get(pos));
      if (at >= from) fn(name, static_cast<std::int64_t>(ns));
    }
  }

 private:
  static std::uint64_t zigzag(std::uint64_t v) {
    return (v << 1) ^ static_cast<std::uint64_t>(-static_cast<std::int64_t>(v >> 63));
  }
  static std::uint64_t unzigzag(std::uint64_t v) { return (v >> 1) ^ (~(v & 1) + 1); }
  static constexpr std::size_t kMaxEntry = 3 + 10;  // a NameId and a 64-bit varint
  static std::uint8_t* put(std::uint8_t* out, std::uint64_t v) {
    while (v >= 0x80) {
      *out++ = static_cast<std::uint8_t>(v | 0x80);
      v >>= 7;
    }
    *out++ = static_cast<std::uint8_t>(v);
    return out;
  }
  std::uint64_t get(std::uint64_t& pos) const {
    std::uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const std::uint8_t b = bytes_[pos++];
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
  }

  std::vector<std::uint8_t> bytes_;
};

}  // namespace trace_summary
