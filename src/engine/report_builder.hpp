// Makes a report: loads the inputs into one trace set, runs the span engine,
// applies --model, builds the Data Flow section, and hands out the result as
// the report model. Renderers see only the FileReport it returns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/input_source.hpp"
#include "load/loader.hpp"
#include "load/trace_set.hpp"
#include "report/report_model.hpp"

namespace trace_summary {

/// An input and the name it is shown by.
struct NamedInput {
  std::string name;
  InputSource* source = nullptr;
};

/// What to read: the loader's options, and whether to keep each input's
/// text for `-v`.
struct LoadRequest {
  bool keep_texts = false;
  bool skip_invalid = false;  ///< leave out invalid records and traces instead of stopping
  unsigned jobs = 1;          ///< threads to read one large file with (see LoadOptions)
};

/// What to compute from the loaded traces.
struct ComputeOptions {
  Compat compat = Compat::Classic;
  std::vector<std::string> models;  ///< `--model`: keep only these (and their ensembles' children)
  bool streams = false;             ///< report streamed requests (every format but the classic text)
};

/// Loads `inputs` as one trace set shown as `display_name` and summarises it.
/// Throws DataError when the data cannot be summarised.
std::unique_ptr<FileReport> build_report(const std::vector<NamedInput>& inputs, const std::string& display_name,
                                         const LoadRequest& load, const ComputeOptions& compute);

/// Summarises `set`, already loaded by the caller (the live receiver), shown
/// as `display_name` with the loading's `warnings`.
std::unique_ptr<FileReport> build_report(TraceSet set, std::vector<std::string> warnings,
                                         const std::string& display_name, const ComputeOptions& compute);

}  // namespace trace_summary
