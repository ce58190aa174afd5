// Eight ASCII decimal digits checked and read in one step: the integer
// readers of both trace modes (the trace file's fast path and OTLP's
// decimal strings) read long numbers eight digits at a time.
#pragma once

#include <cstdint>
#include <cstring>

namespace trace_summary {

/// The eight bytes at p, first byte lowest.
inline std::uint64_t load8(const unsigned char* p) {
  std::uint64_t v = 0;
  std::memcpy(&v, p, 8);
  if constexpr (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) v = __builtin_bswap64(v);
  return v;
}

/// Whether the eight bytes at p are all ASCII digits: each byte's high half
/// is 3, and adding 6 keeps it there (no byte above '9').
inline bool eight_digits(const unsigned char* p) {
  const std::uint64_t v = load8(p);
  return (v & 0xF0F0F0F0F0F0F0F0) == 0x3030303030303030 &&
         ((v + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) == 0x3030303030303030;
}

/// The value of the eight digits at p (eight_digits(p) holds): pairs, then
/// fours, then all eight combined within the word.
inline std::uint64_t eight_digits_value(const unsigned char* p) {
  std::uint64_t v = load8(p) & 0x0F0F0F0F0F0F0F0F;
  v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FF;
  v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFF;
  return (v * 10000 + (v >> 32)) & 0xFFFFFFFF;
}

}  // namespace trace_summary
