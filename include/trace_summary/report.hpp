// One file's whole report: load, summarise, then print the verbose dump, the
// `File:` line, both passes and the Data Flow section, in the reference's order.
#pragma once

#include <string>
#include <vector>

#include "trace_summary/input_source.hpp"
#include "trace_summary/output.hpp"
#include "trace_summary/span_engine.hpp"

namespace trace_summary {

struct ReportOptions {
  bool verbose = false;       ///< `-v`: dump the parsed file first
  bool show_trace = false;    ///< `-t`: list each counted trace
  bool skip_invalid = false;  ///< leave out invalid records and traces instead of stopping
  Compat compat = Compat::Classic;
};

/// Summarises `input` (shown as `display_name`) into `out` and returns the
/// warnings for standard error (a file cut short, what --skip-invalid left
/// out). Nothing is written when the data is bad: throws DataError before
/// the first byte of output.
std::vector<std::string> write_report(InputSource& input, const std::string& display_name,
                                      const ReportOptions& options, Output& out);

}  // namespace trace_summary
