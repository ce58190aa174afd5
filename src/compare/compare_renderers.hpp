// The formats of a comparison: an aligned text table (80 columns),
// Markdown (a PR comment, $GITHUB_STEP_SUMMARY), JSON (docs/compare-output.md)
// and CSV (RFC 4180). They print from the Comparison and nothing else.
#pragma once

#include <string>
#include <vector>

#include "compare/comparison.hpp"
#include "compare/fail_rule.hpp"
#include "io/output.hpp"

namespace trace_summary {

/// The version of the JSON document's schema (docs/compare-output.schema.json).
inline constexpr int kCompareSchemaVersion = 1;

void write_comparison_text(const Comparison& c, Output& out);
void write_comparison_markdown(const Comparison& c, const std::vector<Violation>& broken, Output& out);
void write_comparison_json(const Comparison& c, const std::vector<Violation>& broken, Output& out);
void write_comparison_csv(const Comparison& c, Output& out);

/// The formats `--format` takes.
inline const std::vector<std::string>& comparison_formats() {
  static const std::vector<std::string> formats = {"text", "markdown", "json", "csv"};
  return formats;
}

/// Writes `c` in `format` (one of comparison_formats()).
void write_comparison(const std::string& format, const Comparison& c, const std::vector<Violation>& broken,
                      Output& out);

}  // namespace trace_summary
