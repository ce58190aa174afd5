// The reference's conversion of a tensor record into a numpy array: data split
// on commas and read with Python's float() (BYTES: one CSV line), converted to
// the dtype as numpy 1.24 converts Python values, reshaped to the shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trace_summary {

/// How the elements of an array are held and printed.
enum class ElementKind : std::uint8_t { Bool, Signed, Unsigned, Float, Object };

/// An array: its elements (in the one vector its kind uses) and its shape.
struct TensorValues {
  ElementKind kind = ElementKind::Float;
  int float_bits = 64;                ///< 16, 32 or 64: the precision floats are printed in
  std::vector<double> floats;         ///< Float: each exactly its FP16/FP32/FP64 value
  std::vector<std::int64_t> ints;     ///< Signed
  std::vector<std::uint64_t> uints;   ///< Unsigned
  std::vector<std::uint8_t> bools;    ///< Bool
  std::vector<std::string> strings;   ///< Object (BYTES): the CSV fields
  std::vector<std::size_t> shape;

  std::size_t size() const;
};

/// Builds the array. Throws TensorError where the reference raises.
TensorValues tensor_values(std::string_view dtype, std::string_view shape, std::string_view data);

/// Python's `float(text)`; false when Python raises ValueError.
bool parse_py_float(std::string_view text, double& value);

/// `x` rounded to the nearest IEEE half-precision value (ties to even), as a double.
double round_to_half(double x);

}  // namespace trace_summary
