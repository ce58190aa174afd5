// One report: load a file (or, with --merge, several as one trace set),
// summarise, and print it in the chosen format — for the classic text, the
// verbose dump, the `File:` line, both passes and Data Flow, in the
// reference's order.
#pragma once

#include <string>
#include <vector>

#include "io/input_source.hpp"
#include "render/json_renderer.hpp"
#include "io/output.hpp"
#include "engine/span_engine.hpp"
#include "render/timeline_writer.hpp"

namespace trace_summary {

enum class Format : std::uint8_t {
  Text,   ///< the classic summary, byte for byte the reference's
  Table,  ///< aligned tables with percentiles
  Json,   ///< one JSON document (docs/json-output.md)
  Csv,    ///< one row per file, protocol, model and span
};

struct ReportOptions {
  bool verbose = false;       ///< `-v`: dump the parsed file first (text format)
  bool show_trace = false;    ///< `-t`: list each counted trace (text; JSON: include the traces)
  bool skip_invalid = false;  ///< leave out invalid records and traces instead of stopping
  Compat compat = Compat::Classic;
  Format format = Format::Text;
  std::vector<double> percentiles = {50, 90, 99};
  std::vector<std::string> models;  ///< `--model`: keep only these (and their ensembles' children)
  unsigned jobs = 1;  ///< `--jobs`: threads to read one large file with (see LoadOptions)
};

/// An input and the name it is shown by.
struct NamedInput {
  std::string name;
  InputSource* source = nullptr;
};

/// A warning for standard error, about one input.
struct Warning {
  std::string input;
  std::string text;
};

/// Where formats that span several files collect their output.
struct ReportSinks {
  OrderedJson* json_files = nullptr;  ///< --format json: each file's object is appended here
  TimelineWriter* timeline = nullptr; ///< --timeline
};

/// Summarises `inputs` as one trace set shown as `display_name` (one input,
/// or several with --merge) into `out` and returns the warnings (a file cut
/// short, what --skip-invalid left out). Nothing is written when the data is
/// bad: throws DataError before the first byte of output.
std::vector<Warning> write_report(const std::vector<NamedInput>& inputs, const std::string& display_name,
                                  const ReportOptions& options, Output& out, const ReportSinks& sinks = {});

/// One input, shown as `display_name`; returns the warnings' texts.
std::vector<std::string> write_report(InputSource& input, const std::string& display_name,
                                      const ReportOptions& options, Output& out);

}  // namespace trace_summary
