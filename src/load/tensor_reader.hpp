// A tensor record's fields for printing: from memory, or read again from the
// trace file where the loader left them (TensorRecord::source).
#pragma once

#include "load/trace_set.hpp"

namespace trace_summary {

/// The name, data, shape and dtype of `tensor`. Throws DataError when the
/// file cannot be read again or no longer holds the record where it was.
TensorFields tensor_fields(const TraceSet& set, const TensorRecord& tensor);

}  // namespace trace_summary
