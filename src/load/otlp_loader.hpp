// Reads the output of Triton's OpenTelemetry trace mode (OTLP/JSON: the
// collector's JSON Lines file or request bodies) into a TraceSet, as the
// same requests' trace file would be read (see otlp_mapping.hpp).
#pragma once

#include "io/input_source.hpp"
#include "load/loader.hpp"
#include "load/otlp_mapping.hpp"
#include "load/trace_set.hpp"

namespace trace_summary {

/// `input` holds OTLP (JSON or protobuf), by its first bytes. Consumes
/// nothing of a regular file.
bool is_opentelemetry_input(InputSource& input);

/// Adds the requests of the OTLP/JSON `input` to `set`, as
/// append_trace_file() does for a trace file. Throws DataError on input
/// that is not OTLP/JSON (a protobuf file is refused with how to get JSON).
/// What was left out (spans of incomplete requests, the end of a file cut
/// while written) is written as warnings on standard error.
/// What reading OTLP left out, said as the warnings of append_otlp_file().
std::vector<std::string> otlp_warnings(const OtlpEnding& ending, const RequestAssembler& requests);

LoadNotes append_otlp_file(TraceSet& set, InputSource& input, const LoadOptions& options);

}  // namespace trace_summary
