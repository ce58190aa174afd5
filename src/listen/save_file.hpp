// The --save file: every accepted body appended as one line, as the
// OpenTelemetry Collector's file exporter writes them, so `trace_summary
// FILE` reads it back. Opened O_APPEND|O_CREAT (never truncated); each line
// is written with write(2) and fdatasync(2) before the body is acknowledged,
// so a kill -9 leaves every acknowledged body whole in the file.
#pragma once

#include <string>

namespace trace_summary {

class SaveFile {
 public:
  /// Opens `path`. Throws std::runtime_error (with the reason) when it cannot.
  explicit SaveFile(const std::string& path);
  ~SaveFile();
  SaveFile(const SaveFile&) = delete;
  SaveFile& operator=(const SaveFile&) = delete;

  /// Appends `json` (a JSON body that parsed) as one line and waits until it
  /// is on disk. Line breaks in it are white space between tokens (JSON
  /// strings cannot hold them raw), so they become spaces. Throws
  /// std::runtime_error when it cannot be written. Not thread-safe: the
  /// caller serialises calls (LiveCollector::accept).
  void append(std::string json);

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  bool needs_newline_ = false;  // the file did not end with a line break when opened
};

/// `json` on one line: every CR and LF replaced by a space.
void join_lines(std::string& json);

}  // namespace trace_summary
