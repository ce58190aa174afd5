#include "compare/statistic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "pycompat/py_number.hpp"

namespace trace_summary {

std::string Statistic::name() const {
  switch (kind) {
    case Kind::Count:
      return "count";
    case Kind::Mean:
      return "mean";
    case Kind::Max:
      return "max";
    case Kind::Percentile:
      break;
  }
  std::string digits = py_float_repr(percentile);
  if (digits.size() > 2 && digits.compare(digits.size() - 2, 2, ".0") == 0) digits.resize(digits.size() - 2);
  return "p" + digits;
}

std::optional<double> parse_percent_number(const std::string& text) {
  if (text.empty() || !(std::isdigit(static_cast<unsigned char>(text[0])))) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) || value < 0 || value > 100) return std::nullopt;
  return value;
}

std::optional<Statistic> parse_statistic(const std::string& name) {
  if (name == "count") return Statistic{Statistic::Kind::Count, 0};
  if (name == "mean") return Statistic{Statistic::Kind::Mean, 0};
  if (name == "max") return Statistic{Statistic::Kind::Max, 0};
  if (name.size() < 2 || name[0] != 'p') return std::nullopt;
  const auto p = parse_percent_number(name.substr(1));
  if (!p) return std::nullopt;
  return Statistic{Statistic::Kind::Percentile, *p};
}

std::optional<double> statistic_value(const SideStats& side, const Statistic& s,
                                      const std::vector<double>& percentiles) {
  switch (s.kind) {
    case Statistic::Kind::Count:
      return static_cast<double>(side.count);
    case Statistic::Kind::Mean:
      return side.mean_us;
    case Statistic::Kind::Max:
      return side.max_us;
    case Statistic::Kind::Percentile:
      break;
  }
  const auto it = std::find(percentiles.begin(), percentiles.end(), s.percentile);
  if (it == percentiles.end() || side.percentiles_us.size() != percentiles.size()) return std::nullopt;
  return side.percentiles_us[static_cast<std::size_t>(it - percentiles.begin())];
}

std::vector<Statistic> shown_statistics(const std::vector<double>& percentiles) {
  std::vector<Statistic> out = {{Statistic::Kind::Count, 0}, {Statistic::Kind::Mean, 0}};
  for (double p : percentiles) out.push_back({Statistic::Kind::Percentile, p});
  out.push_back({Statistic::Kind::Max, 0});
  return out;
}

}  // namespace trace_summary
