// `--model NAME`: keep only the traces of the named models, and the traces
// of the models an ensemble among them ran (its descendants by parent id).
#pragma once

#include <string>
#include <vector>

#include "engine/span_engine.hpp"

namespace trace_summary {

/// The model names `--model` values select: a value that is the name of a
/// counted model selects it; any other is a comma-separated list of names.
std::vector<std::string> split_model_names(const TraceSet& set, const FileSummary& summary,
                                           const std::vector<std::string>& values);

/// The names of the counted models (as `str()` prints them), first-seen order.
std::vector<std::string> counted_model_names(const TraceSet& set, const FileSummary& summary);

/// Drops from both passes of `summary` every counted trace whose model's
/// name (as `str()` prints it) is not in `names` and none of whose ancestors'
/// is, then recounts each model from the kept traces, exactly as the engine
/// counts. Models keep their first-seen order among the kept traces. Throws
/// DataError naming a name that no counted model has, and the ones there are.
void keep_models(const TraceSet& set, FileSummary& summary, const std::vector<std::string>& names);

}  // namespace trace_summary
