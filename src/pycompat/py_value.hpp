// Scalars from a trace file, printed and compared as the reference script's
// Python would: `str(value)` and `==` / dict-key identity.
#pragma once

#include <cstdint>
#include <string>

namespace trace_summary {

/// A JSON scalar as Python holds it after `json.loads`.
struct PyScalar {
  enum class Kind : std::uint8_t { String, Int, Float, Bool, Null };

  Kind kind = Kind::Null;
  /// What `str(value)` prints: the string itself, the decimal integer,
  /// `repr(float)`, `True`/`False`, `None`.
  std::string text;

  /// A string that is equal for two scalars exactly when Python's `==`
  /// holds between them (so `1`, `1.0` and `true` share one key, as they
  /// share one dict key in Python).
  std::string equality_key() const;

  static PyScalar string(std::string s);
  static PyScalar integer_text(std::string decimal);  ///< JSON integer text, any size
  static PyScalar floating(double value);
  static PyScalar boolean(bool value);
  static PyScalar null();
};

}  // namespace trace_summary
