#include "engine/report.hpp"

#include "render/csv_renderer.hpp"
#include "engine/dataflow.hpp"
#include "load/loader.hpp"
#include "engine/model_filter.hpp"
#include "render/summary_renderer.hpp"
#include "render/table_renderer.hpp"
#include "pycompat/verbose_dump.hpp"

namespace trace_summary {
namespace {

std::vector<std::string> load_warnings(const LoadNotes& notes, const SkipLog& cut) {
  std::vector<std::string> warnings;
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

// All inputs read into one set, with each input's notes and, for -v, text.
struct Loaded {
  TraceSet set;
  std::vector<LoadNotes> notes;
  std::vector<std::string> texts;
};

Loaded load_inputs(const std::vector<NamedInput>& inputs, bool keep_text, const LoadOptions& options) {
  Loaded loaded;
  for (const NamedInput& input : inputs) {
    if (keep_text) {
      loaded.texts.push_back(input.source->read_all());
      auto memory = InputSource::from_memory(loaded.texts.back());
      loaded.notes.push_back(append_trace_file(loaded.set, *memory, options));
    } else {
      loaded.notes.push_back(append_trace_file(loaded.set, *input.source, options));
    }
  }
  loaded.set.index_by_id();
  return loaded;
}

std::vector<PassRows> all_rows(const TraceSet& set, const FileSummary& summary, const ReportOptions& options) {
  return {span_rows(set, summary, summary.http, options.percentiles),
          span_rows(set, summary, summary.grpc, options.percentiles)};
}

void render_text(const Loaded& loaded, const FileSummary& summary, const std::string& display_name,
                 const ReportOptions& options, const std::string& dataflow, Output& out) {
  if (options.verbose) {
    for (std::size_t i = 0; i < loaded.texts.size(); ++i) {
      write_python_json_dump(dump_text(loaded.texts[i], loaded.notes[i]), out);
    }
  }
  out << "File: " << display_name << '\n';
  render_pass(loaded.set, summary, summary.http, options.show_trace, out);
  render_pass(loaded.set, summary, summary.grpc, options.show_trace, out);
  out << dataflow;
}

}  // namespace

std::vector<Warning> write_report(const std::vector<NamedInput>& inputs, const std::string& display_name,
                                  const ReportOptions& options, Output& out, const ReportSinks& sinks) {
  SkipLog skipped, cut;
  SkipLog* skip = options.skip_invalid ? &skipped : nullptr;
  const bool text = options.format == Format::Text;
  LoadOptions load;
  load.skip = skip;
  load.jobs = options.jobs;
  const Loaded loaded = load_inputs(inputs, text && options.verbose, load);
  FileSummary summary = summarize(loaded.set, options.compat, {skip, &cut});
  if (!options.models.empty()) keep_models(loaded.set, summary, options.models);
  Output dataflow;  // rendered first: a tensor error must stop the file before any output
  if (text) render_dataflow(loaded.set, summary, dataflow, skip);

  std::vector<Warning> warnings;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    for (std::string& w : load_warnings(loaded.notes[i], cut)) warnings.push_back({inputs[i].name, std::move(w)});
  }
  if (!skipped.empty()) warnings.push_back({display_name, skipped.summary()});

  switch (options.format) {
    case Format::Text: render_text(loaded, summary, display_name, options, dataflow.text(), out); break;
    case Format::Table:
      render_table(loaded.set, display_name, all_rows(loaded.set, summary, options), options.percentiles, out);
      break;
    case Format::Csv:
      render_csv(loaded.set, display_name, all_rows(loaded.set, summary, options), options.percentiles, out);
      break;
    case Format::Json:
      if (sinks.json_files != nullptr) {
        std::vector<std::string> names;
        for (const NamedInput& input : inputs) names.push_back(input.name);
        OrderedJson file = json_file(loaded.set, summary, display_name, names, all_rows(loaded.set, summary, options),
                                     options.percentiles, options.show_trace);
        for (const Warning& w : warnings) file["warnings"].push_back(w.input + ": " + w.text);
        sinks.json_files->push_back(std::move(file));
      }
      break;
  }
  if (sinks.timeline != nullptr) sinks.timeline->add_file(loaded.set, summary, display_name);
  return warnings;
}

std::vector<std::string> write_report(InputSource& input, const std::string& display_name,
                                      const ReportOptions& options, Output& out) {
  std::vector<std::string> texts;
  for (const Warning& w : write_report({{display_name, &input}}, display_name, options, out)) texts.push_back(w.text);
  return texts;
}

}  // namespace trace_summary
