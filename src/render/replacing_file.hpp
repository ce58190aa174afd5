// An output file written beside its target under a temporary name and moved
// into place only when it is complete, so that a failed run never leaves a
// half-written file where a good one was (--timeline, --html). Until then,
// SIGINT, SIGTERM or SIGHUP remove the temporary file (io/remove_on_signal.hpp).
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "io/remove_on_signal.hpp"

namespace trace_summary {

class ReplacingFile {
 public:
  /// Creates the temporary file `.trace_summary-TAG-XXXXXX` beside `path`;
  /// throws std::runtime_error ("cannot write PATH: reason") when it cannot.
  ReplacingFile(std::string path, const std::string& tag);
  /// Removes the temporary file unless commit() moved it into place.
  ~ReplacingFile();
  ReplacingFile(const ReplacingFile&) = delete;
  ReplacingFile& operator=(const ReplacingFile&) = delete;

  std::FILE* get() const { return file_; }
  const std::string& path() const { return path_; }
  /// Closes the file and renames it to the target; throws
  /// std::runtime_error on a write error (the target is then left as it was).
  void commit();

 private:
  std::string path_, temp_path_;
  std::FILE* file_ = nullptr;
  std::optional<RemoveOnSignal> remove_on_signal_;  ///< temp_path_ while it is not renamed or removed
};

}  // namespace trace_summary
