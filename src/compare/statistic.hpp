// The statistics a comparison shows for one side of a row, and how each is
// named on the command line and in every format: count, mean, pNN, max.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trace_summary {

/// One run's values of one row: µs, as the table format computes them.
struct SideStats {
  std::uint64_t count = 0;
  double mean_us = 0;
  std::vector<double> percentiles_us;  ///< one per Comparison::percentiles
  double max_us = 0;
};

/// A statistic by name.
struct Statistic {
  enum class Kind : std::uint8_t { Count, Mean, Percentile, Max } kind = Kind::Mean;
  double percentile = 0;  ///< for Kind::Percentile, in [0, 100]

  /// "count", "mean", "p99", "p99.9", "max".
  std::string name() const;
  bool operator==(const Statistic& other) const { return kind == other.kind && percentile == other.percentile; }
};

/// The statistic `name` names, or nullopt.
std::optional<Statistic> parse_statistic(const std::string& name);

/// `s` of `side`, where `percentiles` are those of side.percentiles_us;
/// nullopt for a percentile that was not computed.
std::optional<double> statistic_value(const SideStats& side, const Statistic& s,
                                      const std::vector<double>& percentiles);

/// The statistics a comparison shows, in order: count, mean, each
/// percentile, max.
std::vector<Statistic> shown_statistics(const std::vector<double>& percentiles);

/// A number from 0 to 100 as text ("99", "99.9"), nullopt otherwise.
std::optional<double> parse_percent_number(const std::string& text);

}  // namespace trace_summary
