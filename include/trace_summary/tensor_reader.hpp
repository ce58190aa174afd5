// Tensor data for printing: from memory, or read again from the trace file
// when the loader left it there (TensorRecord::data_source).
#pragma once

#include <string>

#include "trace_summary/trace_set.hpp"

namespace trace_summary {

/// The `data` string of `tensor`. Throws DataError when the file cannot be
/// read again or no longer holds the record where it was.
std::string tensor_data(const TraceSet& set, const TensorRecord& tensor);

}  // namespace trace_summary
