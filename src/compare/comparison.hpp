// The comparison of two runs: per protocol, model and version, and per
// catalogue row, both runs' statistics and the Mann-Whitney U test on the
// rows' per-request values, corrected for testing every row at once (Holm).
// Built from two FileReports, one model at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compare/mann_whitney.hpp"
#include "compare/statistic.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// Where a model or row was seen.
enum class Presence : std::uint8_t { Both, BaseOnly, NewOnly };

/// "both", "base" (only), "new" (only).
const char* presence_name(Presence presence);

struct RowComparison {
  const SpanDef* def = nullptr;
  Presence presence = Presence::Both;
  std::optional<SideStats> base, now;  ///< absent on the side that lacks the row
  std::optional<MannWhitney> test;     ///< when both sides have values
  /// test->p_value after Holm's correction over every tested row of the
  /// comparison (compare/holm.hpp); present exactly when `test` is.
  std::optional<double> p_adjusted;
  bool significant = false;  ///< p_adjusted < alpha
};

struct ModelComparison {
  Protocol protocol = Protocol::Http;
  std::string name, version;
  Presence presence = Presence::Both;
  std::uint64_t base_count = 0, new_count = 0;  ///< counted traces
  std::vector<RowComparison> rows;              ///< catalogue order
};

struct CompareOptions {
  std::vector<double> percentiles = {50, 90, 99};
  double alpha = 0.05;
  MwuMethod method = MwuMethod::Auto;
};

struct Comparison {
  std::string base_name, new_name;  ///< each side's inputs, comma-separated
  CompareOptions options;
  std::vector<ModelComparison> models;  ///< HTTP then GRPC; base's order, then models only in new
};

/// Compares `base` with `now`. Holds one model's per-request values at a time.
Comparison compare_reports(const FileReport& base, const FileReport& now, const CompareOptions& options);

/// `s` of a row's side (nullopt when the side or the percentile is absent).
std::optional<double> side_value(const std::optional<SideStats>& side, const Statistic& s,
                                 const CompareOptions& options);

/// new - base of a statistic (µs, or traces for count).
std::optional<double> delta_absolute(const RowComparison& row, const Statistic& s, const CompareOptions& options);
/// (new - base) / base * 100; nullopt when base is 0 or a side is absent.
std::optional<double> delta_percent(const RowComparison& row, const Statistic& s, const CompareOptions& options);

}  // namespace trace_summary
