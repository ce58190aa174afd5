#include "engine/report_builder.hpp"

#include <algorithm>
#include <optional>

#include "engine/dataflow.hpp"
#include "engine/model_filter.hpp"
#include "engine/span_engine.hpp"
#include "engine/span_stats.hpp"
#include "engine/trace_view.hpp"
#include "io/output.hpp"

namespace trace_summary {
namespace {

std::vector<std::string> load_warnings(const LoadNotes& notes, const SkipLog& cut) {
  std::vector<std::string> warnings = notes.warnings;
  if (notes.empty_input) warnings.push_back("file is empty; no traces");
  if (notes.truncated) {
    std::string w = "file ends before its closing ']' (was the server still running?); read " +
                    std::to_string(notes.complete_records) + " complete record" +
                    (notes.complete_records == 1 ? "" : "s");
    if (!cut.empty()) w += "; the cut left out " + cut.summary().substr(std::string("left out ").size());
    warnings.push_back(w);
  }
  return warnings;
}

// The text the -v dump shows: the file, or for a file cut short the complete
// records it holds, closed.
std::string dump_text(const std::string& text, const LoadNotes& notes) {
  if (notes.empty_input) return "[]";
  if (notes.truncated) return text.substr(0, notes.complete_bytes) + "]";
  return text;
}

// Why a report is empty: what the file holds instead of countable traces.
std::string nothing_counted(const TraceSet& set) {
  std::vector<std::string> models;
  for (const RecordAttrs& attrs : set.attrs) {
    if (attrs.model_name == kNone) continue;
    const std::string& name = set.values[attrs.model_name].text;
    if (models.size() < 10 && std::find(models.begin(), models.end(), name) == models.end()) models.push_back(name);
  }
  std::string text =
      "no trace could be counted (a trace needs REQUEST_START, REQUEST_END and, at its root, "
      "the HTTP or GRPC timestamps of --trace-config level=TIMESTAMPS); " +
      std::to_string(set.records.size()) + " trace record" + (set.records.size() == 1 ? "" : "s");
  if (models.empty()) return text + ", no model named";
  std::string list;
  for (const std::string& m : models) list += (list.empty() ? "" : ", ") + printable(m);
  return text + ", models named: " + list;
}

// The groups of the counted traces (after --model).
std::vector<bool> counted_groups(const TraceSet& set, const FileSummary& summary) {
  std::vector<bool> kept(set.group_ids.size(), false);
  for (const PassSummary* pass : {&summary.http, &summary.grpc}) {
    for (const CountedTrace& t : pass->traces) kept[trace_group(set, t)] = true;
  }
  return kept;
}

// The report of one loaded and summarised trace set.
class EngineReport final : public FileReport {
 public:
  EngineReport(std::string display_name, std::vector<std::string> inputs)
      : display_name_(std::move(display_name)), inputs_(std::move(inputs)) {}

  const std::string& display_name() const override { return display_name_; }
  const std::vector<std::string>& inputs() const override { return inputs_; }
  Compat compat() const override { return effective_compat(summary_); }
  const std::vector<Warning>& warnings() const override { return warnings_; }
  const std::string& server_mode() const override { return server_mode_; }

  std::size_t model_count(Protocol protocol) const override { return pass(protocol).models.size(); }

  ModelReport model(Protocol protocol, std::size_t index, const StatsRequest& request) const override {
    const PassSummary& p = pass(protocol);
    const bool timed = request.window_ns > 0 || request.scatter_limit > 0;
    const bool per_trace = request.distribution || timed;
    return model_report(set_, summary_, p, index, per_trace ? traces_of(protocol, index) : TraceRange{}, request,
                        timed ? time_span() : TimeSpan{});
  }

  void for_each_trace(Protocol protocol, TraceDetail detail, const TraceCallback& fn) const override {
    const PassSummary& p = pass(protocol);
    TraceView view;
    for (const CountedTrace& trace : p.traces) {
      fill_trace_view(set_, summary_, protocol, trace, detail, view);
      fn(view);
    }
  }

  void for_each_trace_of_model(Protocol protocol, std::size_t model, TraceDetail detail,
                               const TraceCallback& fn) const override {
    const PassSummary& p = pass(protocol);
    TraceView view;
    for (std::uint32_t t : traces_of(protocol, model)) {
      fill_trace_view(set_, summary_, protocol, p.traces[t], detail, view);
      fn(view);
    }
  }

  void for_each_trace_at(Protocol protocol, const std::vector<std::uint32_t>& positions, TraceDetail detail,
                         const TraceCallback& fn) const override {
    const PassSummary& p = pass(protocol);
    TraceView view;
    for (std::uint32_t t : positions) {
      fill_trace_view(set_, summary_, protocol, p.traces.at(t), detail, view);
      fn(view);
    }
  }

  bool may_have_children() const override { return !set_.parent_ids.empty(); }
  bool has_dataflow() const override { return has_dataflow_; }
  void write_dataflow(Output& out) const override {
    if (!has_dataflow_) return;
    SkipLog again;  // what the check left out is left out again, silently
    render_dataflow(set_, summary_, out, skip_invalid_ ? &again : nullptr, kept_groups_);
  }
  const std::vector<std::string>& verbose_texts() const override { return verbose_texts_; }

  TraceSet set_;
  FileSummary summary_;
  std::vector<Warning> warnings_;
  std::string server_mode_ = "OpenTelemetry";  // what the live receiver takes in
  bool has_dataflow_ = false;
  bool skip_invalid_ = false;
  const std::vector<bool>* kept_groups_ = nullptr;  // with --model: &kept_; else all
  std::vector<bool> kept_;
  std::vector<std::string> verbose_texts_;

 private:
  const PassSummary& pass(Protocol protocol) const {
    return protocol == Protocol::Http ? summary_.http : summary_.grpc;
  }

  TraceRange traces_of(Protocol protocol, std::size_t model) const {
    const ByModel& index = by_model_[static_cast<std::size_t>(protocol)];
    return {index.order.data() + index.begin[model], index.order.data() + index.begin[model + 1]};
  }

  // The earliest and latest start of a span paired in either pass.
  TimeSpan time_span() const {
    TimeSpan found;
    bool any = false;
    for (const PassSummary* p : {&summary_.http, &summary_.grpc}) {
      if (!p->span_starts) continue;
      found.origin_ns = any ? std::min(found.origin_ns, p->span_starts->first) : p->span_starts->first;
      found.end_ns = any ? std::max(found.end_ns, p->span_starts->second) : p->span_starts->second;
      any = true;
    }
    return found;
  }

 public:
  // The pass's trace indices grouped by model (each group in pass order):
  // 4 bytes per counted trace, made once the summary is final.
  struct ByModel {
    std::vector<std::uint32_t> begin, order;
  };
  void index_by_model() {
    for (Protocol protocol : kProtocols) {
      ByModel& index = by_model_[static_cast<std::size_t>(protocol)];
      const PassSummary& p = pass(protocol);
      index.begin.assign(p.models.size() + 1, 0);
      for (const CountedTrace& t : p.traces) ++index.begin[t.model + 1];
      for (std::size_t m = 0; m < p.models.size(); ++m) index.begin[m + 1] += index.begin[m];
      index.order.resize(p.traces.size());
      std::vector<std::uint32_t> next(index.begin.begin(), index.begin.end() - 1);
      for (std::uint32_t t = 0; t < p.traces.size(); ++t) index.order[next[p.traces[t].model]++] = t;
    }
  }

 private:

  std::string display_name_;
  std::vector<std::string> inputs_;
  std::array<ByModel, 2> by_model_;  // nothing changes once made: threads may read at once
};

// --merge reads shards of one trace set, and tritonserver writes each trace
// whole into one shard; an id in two inputs means two traces (ids restart at
// 1 when the server restarts), which merging would fuse. Throws DataError
// naming the first few.
void refuse_repeated_ids(const TraceSet& set, const std::vector<NamedInput>& inputs,
                         const std::vector<std::size_t>& first_record) {
  auto input_of = [&](std::uint32_t record) {
    return static_cast<std::size_t>(std::upper_bound(first_record.begin(), first_record.end(), record) -
                                    first_record.begin() - 1);
  };
  std::size_t repeated = 0;
  std::string examples;
  for (std::uint32_t g : set.groups_by_id) {
    const std::size_t first = input_of(*set.group_records_begin(g));
    const std::size_t last = input_of(*(set.group_records_end(g) - 1));
    if (first == last) continue;
    if (++repeated <= 3) {
      examples += (examples.empty() ? "" : "; ") + wide_int_to_string(set.group_ids[g]) + " in " +
                  printable(inputs[first].name) + " and " + printable(inputs[last].name);
    }
  }
  if (repeated == 0) return;
  throw DataError("--merge: " + std::to_string(repeated) + " trace id" + (repeated == 1 ? " occurs" : "s occur") +
                  " in more than one input (" + examples +
                  "): ids start again at 1 when tritonserver restarts, so these are not shards of one trace set; "
                  "summarise them without --merge");
}

void load_inputs(EngineReport& report, const std::vector<NamedInput>& inputs, const LoadRequest& request, SkipLog* skip,
                 std::vector<LoadNotes>& notes) {
  LoadOptions options;
  options.skip = skip;
  options.jobs = request.jobs;
  std::vector<std::size_t> first_record;  // per input: the index of its first record
  for (const NamedInput& input : inputs) {
    first_record.push_back(report.set_.records.size());
    if (request.keep_texts) {
      std::string text = input.source->read_all();
      auto memory = InputSource::from_memory(text);
      notes.push_back(append_trace_file(report.set_, *memory, options));
      report.verbose_texts_.push_back(dump_text(text, notes.back()));
    } else {
      notes.push_back(append_trace_file(report.set_, *input.source, options));
    }
  }
  const bool otlp = std::any_of(notes.begin(), notes.end(), [](const LoadNotes& n) { return n.opentelemetry; });
  const bool file = std::any_of(notes.begin(), notes.end(), [](const LoadNotes& n) { return !n.opentelemetry; });
  report.server_mode_ = otlp && file ? "trace file, OpenTelemetry" : otlp ? "OpenTelemetry" : "trace file";
  report.set_.index_by_id();
  if (inputs.size() > 1) refuse_repeated_ids(report.set_, inputs, first_record);
}

// Runs the span engine, --model and Data Flow over the loaded set.
void summarise_loaded(EngineReport& report, const ComputeOptions& compute, SkipLog* skip, SkipLog& cut) {
  report.summary_ = summarize(report.set_, compute.compat, {skip, &cut}, compute.streams);
  if (!compute.models.empty()) {
    keep_models(report.set_, report.summary_, split_model_names(report.set_, report.summary_, compute.models));
  }
  if (!compute.models.empty()) {
    report.kept_ = counted_groups(report.set_, report.summary_);
    report.kept_groups_ = &report.kept_;
  }
  // Rendered once now only to check it: a tensor error stops the file before
  // any output; the renderers render it again as they write it.
  Output check{Output::Discard{}};
  render_dataflow(report.set_, report.summary_, check, skip, report.kept_groups_);
  report.has_dataflow_ = check.bytes_written() > 0;
  report.skip_invalid_ = skip != nullptr;
  report.index_by_model();
}

}  // namespace

std::unique_ptr<FileReport> build_report(const std::vector<NamedInput>& inputs, const std::string& display_name,
                                         const LoadRequest& load, const ComputeOptions& compute) {
  std::vector<std::string> names;
  for (const NamedInput& input : inputs) names.push_back(input.name);
  auto report = std::make_unique<EngineReport>(display_name, names);
  SkipLog skipped, cut;
  SkipLog* skip = load.skip_invalid ? &skipped : nullptr;
  std::vector<LoadNotes> notes;
  load_inputs(*report, inputs, load, skip, notes);
  summarise_loaded(*report, compute, skip, cut);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::string& w : load_warnings(notes[i], cut)) report->warnings_.push_back({inputs[i].name, std::move(w)});
  }
  if (!skipped.empty()) report->warnings_.push_back({display_name, skipped.summary()});
  const bool all_empty = std::all_of(notes.begin(), notes.end(), [](const LoadNotes& n) { return n.empty_input; });
  if (!all_empty && report->summary_.http.traces.empty() && report->summary_.grpc.traces.empty()) {
    report->warnings_.push_back(
        {display_name, skipped.empty() ? nothing_counted(report->set_) : "no trace is left to count"});
  }
  return report;
}

std::unique_ptr<FileReport> build_report(TraceSet set, std::vector<std::string> warnings,
                                         const std::string& display_name, const ComputeOptions& compute) {
  auto report = std::make_unique<EngineReport>(display_name, std::vector<std::string>{display_name});
  report->set_ = std::move(set);
  report->set_.index_by_id();
  SkipLog cut;
  summarise_loaded(*report, compute, nullptr, cut);
  for (std::string& w : warnings) report->warnings_.push_back({display_name, std::move(w)});
  if (report->summary_.http.traces.empty() && report->summary_.grpc.traces.empty() && !report->set_.records.empty()) {
    report->warnings_.push_back({display_name, nothing_counted(report->set_)});
  }
  return report;
}

}  // namespace trace_summary
