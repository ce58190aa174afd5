// The --save file: every accepted body appended as one line, as the
// OpenTelemetry Collector's file exporter writes them, so `trace_summary
// FILE` reads it back. Opened O_APPEND|O_CREAT (never truncated).
//
// The lines are written by a small writer process, forked when the file is
// opened, which the receiver hands each body through a pipe and which
// answers once the line is written and fdatasync(2)ed; only then is the body
// acknowledged. The kernel may cut a write(2) short when its process is
// killed (SIGKILL is checked between pages), so a line written by the
// receiver itself could be left half-written by a kill -9. The writer is not
// killed with the receiver: it finishes the line it holds, sees the pipe
// close, and exits; a body the receiver had only partly handed over is
// dropped whole. So after a kill -9 every line of the file is whole, and
// every acknowledged body is one of them.
#pragma once

#include <string>

#include <sys/types.h>

namespace trace_summary {

class SaveFile {
 public:
  /// Opens `path` and starts its writer process. Throws std::runtime_error
  /// (with the reason) when it cannot. Must be made before the process starts
  /// threads (the writer is forked).
  explicit SaveFile(const std::string& path);
  /// Closes the pipe and waits for the writer to finish.
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
  // A socket to the writer: frames (8-byte length, then the line) go out,
  // one int per frame comes back (0, or the errno of the failure).
  int channel_ = -1;
  pid_t writer_ = -1;
  bool needs_newline_ = false;  // the file did not end with a line break when opened
};

/// `json` on one line: every CR and LF replaced by a space.
void join_lines(std::string& json);

}  // namespace trace_summary
