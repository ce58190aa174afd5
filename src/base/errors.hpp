// The errors trace_summary reports, and the log of what --skip-invalid left
// out. Each message is one line that names the place (file position or trace
// id) and what is wrong; the front end adds the file name.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trace_summary {

/// The trace data cannot be summarised as the reference would (exit status 1).
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// With `--skip-invalid`: the records and traces left out, counted by kind.
class SkipLog {
 public:
  /// Notes that `place` (e.g. `trace 17`, `record 5`) was left out for `kind`.
  void add(std::string_view kind, std::string place);
  bool empty() const { return total_ == 0; }
  std::size_t total() const { return total_; }
  /// One line: `left out 3 invalid records or traces: 2 span ends before it
  /// starts (trace 4, trace 9); 1 id is not an integer (record 17)`.
  std::string summary() const;

 private:
  struct Kind {
    std::size_t count = 0;
    std::vector<std::string> first_places;
  };
  static constexpr std::size_t kPlacesShown = 3;
  std::map<std::string, Kind, std::less<>> kinds_;
  std::size_t total_ = 0;
};

/// `text` made safe for a one-line message: control characters and bytes
/// that are not valid UTF-8 become `\xNN`.
std::string printable(std::string_view text);

/// Either throws DataError(`message`) or, when `skip` is set, logs the
/// problem there and returns, so the caller leaves the item out.
void reject(SkipLog* skip, std::string_view kind, std::string place, const std::string& message);

}  // namespace trace_summary
