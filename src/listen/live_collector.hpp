// The spans the receiver has accepted, from any number of connections, and
// the reports made of them. A body is parsed on the thread that received it
// (parse_body(), no shared state); only accepting the parsed spans takes the
// collector's lock. A report replays every accepted span, in the order the
// bodies were accepted, through the same RequestAssembler the file reader
// uses, with every request written once all spans are in: exports sent at
// once over several connections overtake each other, so a root may come
// before the spans under it. With bodies in order, the report equals that of
// the --save file read back.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/report_builder.hpp"
#include "load/otlp_reader.hpp"
#include "load/trace_set.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// The spans of one body, with the names and values they refer to. Made and
/// owned by the thread that received the body.
struct ParsedBody {
  TraceSet names;  ///< only its names and values are used
  std::vector<OtlpSpan> spans;
  std::size_t rejected = 0;   ///< parts of the body left out (spans or values in them)
  std::string rejected_why;   ///< one line: what was left out, when anything was
};

/// Parses one OTLP/JSON body. Throws DataError when it is not OTLP JSON.
ParsedBody parse_body(const std::string& json);

/// Counters, for the periodic report and the tests.
struct CollectorCounts {
  std::size_t bodies = 0;
  std::size_t spans = 0;
};

/// Shared by every connection thread: every member function takes the lock.
class LiveCollector {
 public:
  /// Takes the spans of `body`; `on_accepted` runs under the same lock
  /// (the --save file is written there, so its lines are in acceptance
  /// order). Returns the spans taken.
  template <typename OnAccepted>
  std::size_t accept(ParsedBody&& body, OnAccepted&& on_accepted) {
    std::lock_guard<std::mutex> lock(mutex_);
    on_accepted();
    return take(std::move(body));
  }

  /// A report of everything accepted so far.
  std::unique_ptr<FileReport> report(const std::string& display_name, const ComputeOptions& compute) const;
  CollectorCounts counts() const;

 private:
  std::size_t take(ParsedBody&& body);  // under mutex_

  mutable std::mutex mutex_;
  TraceSet dictionary_;          // names and values of every accepted span (guarded by mutex_)
  std::vector<OtlpSpan> spans_;  // in acceptance order (guarded by mutex_)
  std::size_t bodies_ = 0;       // (guarded by mutex_)
};

}  // namespace trace_summary
