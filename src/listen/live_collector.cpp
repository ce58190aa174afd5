#include "listen/live_collector.hpp"

#include "base/errors.hpp"
#include "io/input_source.hpp"
#include "load/otlp_loader.hpp"
#include "load/otlp_mapping.hpp"

namespace trace_summary {
namespace {

// Collects the spans of one body, refusing those that the body read as a
// file refuses (a spanId that repeats one of an unfinished request), so the
// answer's partialSuccess counts them and the --save file read back with
// --skip-invalid gives the receiver's report.
class SpanList final : public SpanSink {
 public:
  explicit SpanList(std::vector<OtlpSpan>& spans) : spans_(spans), as_a_file_(scratch_) {}
  std::optional<SpanProblem> take(OtlpSpan&& span) override {
    if (auto problem = as_a_file_.take(OtlpSpan(span))) return problem;
    spans_.push_back(std::move(span));
    return std::nullopt;
  }

 private:
  std::vector<OtlpSpan>& spans_;
  TraceSet scratch_;               // what the body read as a file would hold
  RequestAssembler as_a_file_;     // assembles into scratch_ as the file reader does
};

// `to` holds the names and values of `from` at the same indices: interning
// them in index order into an empty table gives the same indices.
void copy_dictionary(const TraceSet& from, TraceSet& to) {
  for (std::size_t i = 0; i < from.names.size(); ++i) to.names.intern(from.names.info(static_cast<NameId>(i)).text);
  for (std::size_t i = 0; i < from.values.size(); ++i) to.values.intern(from.values[static_cast<std::uint32_t>(i)]);
}

}  // namespace

ParsedBody parse_body(const std::string& json) {
  ParsedBody body;
  SkipLog skipped;
  SpanList list(body.spans);
  auto input = InputSource::from_memory(json);
  const OtlpEnding ending = read_otlp(*input, body.names, list, &skipped);
  if (ending.truncated) throw DataError("the body ends inside a JSON value");
  if (ending.complete_values == 0) throw DataError("the body holds no JSON object");
  body.rejected = skipped.total();
  if (!skipped.empty()) body.rejected_why = skipped.summary();
  return body;
}

std::size_t LiveCollector::take(ParsedBody&& body) {
  ++bodies_;
  const TraceSet& from = body.names;
  for (OtlpSpan& span : body.spans) {
    for (auto& event : span.events) {
      const std::optional<NameId> id = dictionary_.names.intern(from.names.info(event.first).text);
      event.first = id.value_or(0);
    }
    if (span.model_name != kNone) span.model_name = dictionary_.values.intern(from.values[span.model_name]);
    if (span.model_version != kNone) span.model_version = dictionary_.values.intern(from.values[span.model_version]);
    spans_.push_back(std::move(span));
  }
  return body.spans.size();
}

std::unique_ptr<FileReport> LiveCollector::report(const std::string& display_name,
                                                  const ComputeOptions& compute) const {
  TraceSet set;
  std::vector<std::string> warnings;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    copy_dictionary(dictionary_, set);
    RequestAssembler requests(set, /*hold_every_root=*/true);
    SkipLog refused;
    for (const OtlpSpan& span : spans_) {
      OtlpSpan copy = span;
      if (auto problem = requests.take(std::move(copy))) refused.add(problem->kind, problem->what);
    }
    requests.finish();
    warnings = otlp_warnings(OtlpEnding{}, requests);
    if (!refused.empty()) warnings.push_back(refused.summary());
  }
  return build_report(std::move(set), std::move(warnings), display_name, compute);
}

CollectorCounts LiveCollector::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {bodies_, spans_.size()};
}

}  // namespace trace_summary
