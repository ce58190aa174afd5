#include "load/timestamp_arena.hpp"

#include <algorithm>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace trace_summary {

namespace {

// madvise(advice) over the whole `unit`-aligned blocks inside [data, data + bytes).
void advise_whole_units(const void* data, std::size_t bytes, std::uintptr_t unit, int advice) {
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + unit - 1) & ~(unit - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(unit - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

}  // namespace

void advise_huge_pages(const void* data, std::size_t bytes) {
  advise_whole_units(data, bytes, std::uintptr_t{1} << 21, MADV_HUGEPAGE);
}

void release_pages(const void* data, std::size_t bytes) {
  advise_whole_units(data, bytes, static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE)), MADV_DONTNEED);
}

void TimestampArena::advise_huge_pages() const { trace_summary::advise_huge_pages(bytes_.data(), bytes_.capacity()); }

void TimestampArena::rebase(std::uint64_t offset, std::int64_t encoded_after, std::int64_t previous_ns) {
  if (offset >= bytes_.size() || encoded_after == previous_ns) return;
  std::uint64_t pos = offset;
  get(pos);  // the name stays
  const std::uint64_t delta_at = pos;
  const auto first_ns = static_cast<std::int64_t>(unzigzag(get(pos)) + static_cast<std::uint64_t>(encoded_after));
  // The new difference, encoded, replaces the old one in place.
  std::uint8_t encoded[kMaxEntry];
  const auto length = static_cast<std::size_t>(
      put(encoded, zigzag(static_cast<std::uint64_t>(first_ns) - static_cast<std::uint64_t>(previous_ns))) - encoded);
  const auto at = bytes_.begin() + static_cast<std::ptrdiff_t>(delta_at);
  const std::size_t old_length = pos - delta_at;
  if (length < old_length) {
    bytes_.erase(at, at + static_cast<std::ptrdiff_t>(old_length - length));
  } else if (length > old_length) {
    bytes_.insert(at, length - old_length, 0);
  }
  std::copy(encoded, encoded + length, bytes_.begin() + static_cast<std::ptrdiff_t>(delta_at));
}

}  // namespace trace_summary
