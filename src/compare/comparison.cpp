#include "compare/comparison.hpp"

#include <algorithm>

#include "compare/holm.hpp"
#include "engine/percentiles.hpp"
#include "pycompat/py_number.hpp"

namespace trace_summary {
namespace {

// One run's per-request values of one model, by catalogue row.
struct ModelValues {
  std::vector<const SpanDef*> rows;
  std::vector<std::vector<double>> values_ns;  ///< sorted
  std::vector<wide_int> sums_ns;
  std::uint64_t count = 0;
};

ModelValues model_values(const FileReport& report, Protocol protocol, std::size_t index) {
  const ModelReport model = report.model(protocol, index, StatsRequest{});
  ModelValues out;
  out.count = model.count;
  for (const StatRow& row : model.rows) out.rows.push_back(row.def);
  out.values_ns.resize(out.rows.size());
  out.sums_ns.assign(out.rows.size(), 0);
  report.for_each_trace_of_model(protocol, index, TraceDetail::WithoutStamps, [&out](const TraceView& trace) {
    for (std::size_t r = 0; r < out.rows.size(); ++r) {
      for (wide_int v : trace_row_values(*out.rows[r], trace)) {
        out.values_ns[r].push_back(static_cast<double>(v));
        out.sums_ns[r] += v;
      }
    }
  });
  for (auto& values : out.values_ns) std::sort(values.begin(), values.end());
  return out;
}

// The table format's numbers: the exact mean, numpy's percentiles, the max.
std::optional<SideStats> side_stats(const ModelValues& m, std::size_t row, const std::vector<double>& percentiles) {
  const std::vector<double>& values = m.values_ns[row];
  if (values.empty()) return std::nullopt;
  const double scale = is_count_row(*m.rows[row]) ? 1 : 1000;  // responses are counted, not timed
  SideStats s;
  s.count = values.size();
  s.mean_us = exact_ratio(m.sums_ns[row], values.size() * static_cast<std::uint64_t>(scale));
  for (double p : percentiles) s.percentiles_us.push_back(percentile(values, p) / scale);
  s.max_us = values.back() / scale;
  return s;
}

// The index of `def`'s key among `rows`, or npos.
std::size_t find_row(const std::vector<const SpanDef*>& rows, const SpanDef* def) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r]->key == def->key) return r;
  }
  return static_cast<std::size_t>(-1);
}

const std::vector<double> kNoValues;

RowComparison compare_row(const SpanDef* def, const ModelValues* base, std::size_t b, const ModelValues* now,
                          std::size_t n, const CompareOptions& options) {
  RowComparison row;
  row.def = def;
  const std::vector<double>& x = base ? base->values_ns[b] : kNoValues;
  const std::vector<double>& y = now ? now->values_ns[n] : kNoValues;
  if (base) row.base = side_stats(*base, b, options.percentiles);
  if (now) row.now = side_stats(*now, n, options.percentiles);
  row.presence = !row.now ? Presence::BaseOnly : !row.base ? Presence::NewOnly : Presence::Both;
  row.test = mann_whitney_u(x, y, options.method);
  return row;
}

// Rows of both runs of one model: base's order, then the rows only new has
// (in catalogue order, which both follow).
std::vector<RowComparison> compare_rows(const ModelValues* base, const ModelValues* now,
                                        const CompareOptions& options) {
  std::vector<RowComparison> rows;
  const std::size_t npos = static_cast<std::size_t>(-1);
  if (base) {
    for (std::size_t b = 0; b < base->rows.size(); ++b) {
      const std::size_t n = now ? find_row(now->rows, base->rows[b]) : npos;
      rows.push_back(compare_row(base->rows[b], base, b, n == npos ? nullptr : now, n, options));
    }
  }
  if (now) {
    for (std::size_t n = 0; n < now->rows.size(); ++n) {
      if (base && find_row(base->rows, now->rows[n]) != npos) continue;
      rows.push_back(compare_row(now->rows[n], nullptr, 0, now, n, options));
    }
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> model_keys(const FileReport& report, Protocol protocol) {
  std::vector<std::pair<std::string, std::string>> keys;
  for (std::size_t i = 0; i < report.model_count(protocol); ++i) {
    const ModelReport m = report.model(protocol, i, StatsRequest{});
    keys.emplace_back(m.name, m.version);
  }
  return keys;
}

ModelComparison compare_model(const FileReport& base, std::optional<std::size_t> b, const FileReport& now,
                              std::optional<std::size_t> n, Protocol protocol, const CompareOptions& options) {
  std::optional<ModelValues> base_values, new_values;
  if (b) base_values = model_values(base, protocol, *b);
  if (n) new_values = model_values(now, protocol, *n);
  ModelComparison m;
  m.protocol = protocol;
  m.presence = !n ? Presence::BaseOnly : !b ? Presence::NewOnly : Presence::Both;
  m.base_count = base_values ? base_values->count : 0;
  m.new_count = new_values ? new_values->count : 0;
  m.rows = compare_rows(base_values ? &*base_values : nullptr, new_values ? &*new_values : nullptr, options);
  return m;
}

// Holm's correction over every tested row of `c`, then the flags at alpha.
void flag_significant_rows(Comparison& c) {
  std::vector<RowComparison*> tested;
  std::vector<double> p_values;
  for (ModelComparison& m : c.models) {
    for (RowComparison& row : m.rows) {
      if (!row.test) continue;
      tested.push_back(&row);
      p_values.push_back(row.test->p_value);
    }
  }
  const std::vector<double> adjusted = holm_adjusted(p_values);
  for (std::size_t i = 0; i < tested.size(); ++i) {
    tested[i]->p_adjusted = adjusted[i];
    tested[i]->significant = adjusted[i] < c.options.alpha;
  }
}

}  // namespace

const char* presence_name(Presence presence) {
  switch (presence) {
    case Presence::Both:
      return "both";
    case Presence::BaseOnly:
      return "base";
    case Presence::NewOnly:
      return "new";
  }
  return "both";
}

Comparison compare_reports(const FileReport& base, const FileReport& now, const CompareOptions& options) {
  Comparison c;
  c.base_name = base.display_name();
  c.new_name = now.display_name();
  c.options = options;
  for (Protocol protocol : kProtocols) {
    const auto base_keys = model_keys(base, protocol);
    const auto new_keys = model_keys(now, protocol);
    for (std::size_t b = 0; b < base_keys.size(); ++b) {
      const auto it = std::find(new_keys.begin(), new_keys.end(), base_keys[b]);
      std::optional<std::size_t> n;
      if (it != new_keys.end()) n = static_cast<std::size_t>(it - new_keys.begin());
      c.models.push_back(compare_model(base, b, now, n, protocol, options));
      c.models.back().name = base_keys[b].first;
      c.models.back().version = base_keys[b].second;
    }
    for (std::size_t n = 0; n < new_keys.size(); ++n) {
      if (std::find(base_keys.begin(), base_keys.end(), new_keys[n]) != base_keys.end()) continue;
      c.models.push_back(compare_model(base, std::nullopt, now, n, protocol, options));
      c.models.back().name = new_keys[n].first;
      c.models.back().version = new_keys[n].second;
    }
  }
  flag_significant_rows(c);
  return c;
}

std::optional<double> side_value(const std::optional<SideStats>& side, const Statistic& s,
                                 const CompareOptions& options) {
  if (!side) return std::nullopt;
  return statistic_value(*side, s, options.percentiles);
}

std::optional<double> delta_absolute(const RowComparison& row, const Statistic& s, const CompareOptions& options) {
  const auto b = side_value(row.base, s, options), n = side_value(row.now, s, options);
  if (!b || !n) return std::nullopt;
  return *n - *b;
}

std::optional<double> delta_percent(const RowComparison& row, const Statistic& s, const CompareOptions& options) {
  const auto b = side_value(row.base, s, options), n = side_value(row.now, s, options);
  if (!b || !n || *b == 0) return std::nullopt;
  return (*n - *b) / *b * 100;
}

}  // namespace trace_summary
