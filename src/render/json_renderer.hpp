// `--format json`: one JSON document for all files, with the schema of
// docs/json-output.md (docs/json-output.schema.json), version 1.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "io/output.hpp"
#include "engine/span_stats.hpp"

namespace trace_summary {

using OrderedJson = nlohmann::ordered_json;

/// Version of the document's schema; raised on any incompatible change.
inline constexpr int kJsonSchemaVersion = 1;

/// One file's object: name, inputs, warnings, and per protocol and model the
/// count and span statistics; with `with_traces`, every counted trace.
OrderedJson json_file(const TraceSet& set, const FileSummary& summary, const std::string& display_name,
                      const std::vector<std::string>& inputs, const std::vector<PassRows>& passes,
                      const std::vector<double>& percentiles, bool with_traces);

/// Writes the whole document: schema, version, options, and `files`.
void write_json_document(const OrderedJson& files, Compat compat, const std::vector<double>& percentiles,
                         Output& out);

/// A trace id as a JSON number (ids run from -2^63 to 2^64-1).
OrderedJson json_id(TraceId id);

}  // namespace trace_summary
