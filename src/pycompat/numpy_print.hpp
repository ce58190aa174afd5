// Tensor values as Triton's trace_summary.py prints them: the tensor's data
// converted like `np.array(values, dtype).reshape(shape)` and written as
// numpy 1.24's `str(array)` with its default print options (precision 8,
// threshold 1000, edge items 3, line width 75).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace trace_summary {

/// The reference could not build or print the array (unknown dtype, a value
/// that is not a number of that dtype, a shape that does not fit the data).
class TensorError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `str(get_numpy_array(tensor))` for a tensor record's `dtype` (BOOL,
/// UINT8..UINT64, INT8..INT64, FP16, FP32, FP64, BYTES), `shape` (`"2,3"`)
/// and `data` (comma-separated values; BYTES: one CSV line). Throws
/// TensorError with a one-line reason.
std::string format_tensor(std::string_view dtype, std::string_view shape, std::string_view data);

}  // namespace trace_summary
