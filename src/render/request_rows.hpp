// Output a row per counted request, for tools that take rows: JSON Lines
// (`--format jsonl`) and CSV (`--format csv-requests`), written as the trace
// cursor hands the traces out; with --top, the N slowest in rank order.
// Each row has the request's ids, model, protocol, and the value of every
// catalogue row the trace has, in µs.
#pragma once

#include <string>
#include <string_view>

#include "io/output.hpp"
#include "report/ranking.hpp"
#include "report/report_sink.hpp"

namespace trace_summary {

/// Which requests a per-request output lists: all, or the top N by a key.
struct RequestSelection {
  std::size_t top = 0;  ///< 0: every counted trace, in pass order
  RankKey key;
};

/// Calls `fn(trace, rank)` for the selected traces (rank 0 when not ranked).
void for_each_selected(const FileReport& report, const RequestSelection& selection,
                       const std::function<void(const TraceView&, std::size_t)>& fn);

class JsonStream;

/// A trace id as a member of the open object, the JSON number dump() writes.
void write_id(JsonStream& json, std::string_view name, wide_int id);

/// A request's identity as members of the open object: id, parent_id (null
/// when it has none), model and version.
void write_request_identity(JsonStream& json, const TraceView& trace);

/// One request as a JSON object: rank (when ranked), protocol, ids, model,
/// version, and `spans_us`: every catalogue row the trace has, by key.
void write_request_object(JsonStream& json, const TraceView& trace, Compat compat, std::size_t rank,
                          const std::string* file = nullptr);

class JsonLinesSink final : public ReportSink {
 public:
  JsonLinesSink(Output& out, RequestSelection selection) : out_(out), selection_(std::move(selection)) {}
  void file(const FileReport& report) override;
  void failed_file(const std::string& name, const std::string& error) override;

 private:
  Output& out_;
  RequestSelection selection_;
};

class CsvRequestsSink final : public ReportSink {
 public:
  CsvRequestsSink(Output& out, RequestSelection selection) : out_(out), selection_(std::move(selection)) {}
  void begin() override;
  void file(const FileReport& report) override;

 private:
  Output& out_;
  RequestSelection selection_;
};

}  // namespace trace_summary
