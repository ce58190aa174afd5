#include "load/otlp_loader.hpp"

#include <string>
#include <vector>

#include "load/otlp_detect.hpp"
#include "load/otlp_mapping.hpp"
#include "load/otlp_reader.hpp"

namespace trace_summary {
namespace {

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::vector<std::string> otlp_warnings(const OtlpEnding& ending, const RequestAssembler& requests) {
  std::vector<std::string> warnings;
  if (ending.truncated) {
    warnings.push_back("file ends inside the JSON object on line " + std::to_string(ending.truncated_line) +
                       " (was the collector still writing it?); read " +
                       plural(ending.complete_values, "complete object") + " and the spans before the cut");
  }
  const UnmappedSpans left = requests.unmapped();
  if (left.spans > 0) {
    warnings.push_back("left out " + plural(left.spans, "span") + " (" + plural(left.model_spans, "model span") +
                       ") whose request has no InferRequest root span in the file (spans dropped by the "
                       "exporter, or the file cut while written)");
  }
  if (left.empty_requests > 0) {
    warnings.push_back("left out " + plural(left.empty_requests, "request") +
                       " whose InferRequest span has no model span under it (spans dropped by the exporter?)");
  }
  return warnings;
}

bool is_opentelemetry_input(InputSource& input) { return sniff_input_format(input) != InputFormat::TraceFile; }

LoadNotes append_otlp_file(TraceSet& set, InputSource& input, const LoadOptions& options) {
  if (sniff_input_format(input) == InputFormat::OtlpProtobuf) {
    throw DataError("this is OTLP protobuf, which trace_summary does not read: write JSON instead "
                    "(`format: json` in the OpenTelemetry Collector's file exporter)");
  }
  RequestAssembler requests(set);
  const OtlpEnding ending = read_otlp(input, set, requests, options.skip);
  requests.finish();
  LoadNotes notes;
  notes.warnings = otlp_warnings(ending, requests);
  notes.complete_records = requests.records();
  notes.complete_bytes = input.offset();
  set.complete_records += notes.complete_records;
  set.complete_bytes = notes.complete_bytes;
  return notes;
}

}  // namespace trace_summary
