// Tells by its first bytes whether an input is a trace file or the output of
// Triton's OpenTelemetry trace mode (OTLP), as gzip is told by its magic.
#pragma once

#include <string_view>

#include "io/input_source.hpp"

namespace trace_summary {

enum class InputFormat {
  TraceFile,     ///< anything else: the trace-file loader reads (or rejects) it
  OtlpJson,      ///< a JSON object first: OTLP/JSON, one object or JSON Lines
  OtlpProtobuf,  ///< OTLP protobuf: a collector `format: proto` file or a binary request body
};

/// JSON white space (RFC 8259): space, tab, line feed, carriage return.
inline bool is_json_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/// Classifies the first bytes of an input (decompressed).
InputFormat classify_head(std::string_view head);

/// Classifies `input` without consuming it. An uncompressed regular file is
/// looked at through a second handle, so it stays untouched (it may still be
/// read in parts); other inputs are looked at in their first block.
InputFormat sniff_input_format(InputSource& input);

}  // namespace trace_summary
