// Numbers as Python prints them.
//
// The reference script prints every duration as `int / int` (Python's true
// division, correctly rounded to the nearest double) formatted with `str()`,
// which for a float is `repr()`: the shortest digits that read back to the
// same double, positional for decimal exponents -4..15, scientific otherwise.
#pragma once

#include <cstdint>
#include <string>

namespace trace_summary {

/// A signed integer wide enough for any sum of 64-bit durations.
__extension__ typedef __int128 wide_int;
/// Its unsigned counterpart.
__extension__ typedef unsigned __int128 wide_uint;

/// Python's `repr(x)` of a finite or non-finite double:
/// `17.0`, `0.1`, `1e-05`, `1e+16`, `-0.0`, `inf`, `nan`.
std::string py_float_repr(double x);

/// The double nearest to `numerator / denominator`, rounded once (ties to
/// even), exactly as Python's `int / int` computes it. `denominator` > 0.
double exact_ratio(wide_int numerator, std::uint64_t denominator);

/// `py_float_repr(exact_ratio(numerator, denominator))`.
std::string py_ratio_repr(wide_int numerator, std::uint64_t denominator);

/// `py_ratio_repr(ns, 1000)` for a non-negative duration: microseconds as
/// Python prints `ns / 1000`. Fast for the common case (ns < 10^15).
std::string py_micros_repr(std::uint64_t ns);

/// Decimal text of a wide integer (`-12`, `0`, `340282366920938463463374607431768211455`).
std::string wide_int_to_string(wide_int value);

}  // namespace trace_summary
