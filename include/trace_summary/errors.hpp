// The errors trace_summary reports. Each carries one line of text that names
// the place (file position or trace id) and what is wrong; the front end adds
// the file name.
#pragma once

#include <stdexcept>

namespace trace_summary {

/// The trace data cannot be summarised as the reference would (exit status 1).
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace trace_summary
