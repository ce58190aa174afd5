#include "load/otlp_mapping.hpp"

#include "load/otlp_keys.hpp"

namespace trace_summary {
namespace {

constexpr const char* kRootName = "InferRequest";

bool is_root(const OtlpSpan& span) { return !span.has_model_name && span.name == kRootName; }

}  // namespace

std::optional<SpanProblem> RequestAssembler::take(OtlpSpan&& span) {
  if (is_root(span)) {
    // Exports sent at once over several connections can arrive out of
    // order: a root before its model span waits for the end (finish()).
    if (hold_every_root_ || children_.count(span.span_id) == 0) {
      early_roots_.push_back(std::move(span));
    } else {
      complete(span);
    }
    return std::nullopt;
  }
  const std::uint64_t id = span.span_id;
  const std::optional<std::uint64_t> parent = span.parent_span_id;
  if (!held_.emplace(id, std::move(span)).second) {
    return SpanProblem{"spans whose spanId repeats", "spanId " + otlp::span_id_text(id) + " is that of another span of an unfinished request"};
  }
  if (parent) children_[*parent].push_back(id);
  return std::nullopt;
}

std::vector<std::uint64_t> RequestAssembler::take_children(std::uint64_t span_id) {
  std::vector<std::uint64_t> ids;
  if (auto it = children_.find(span_id); it != children_.end()) {
    ids = std::move(it->second);
    children_.erase(it);
  }
  return ids;
}

// Writes the request under `root`; the root's events go with its first model span.
void RequestAssembler::complete(const OtlpSpan& root) {
  ++requests_;
  const OtlpSpan* root_events = &root;
  std::vector<std::uint64_t> models;
  for (const std::uint64_t id : take_children(root.span_id)) {
    auto it = held_.find(id);
    if (it == held_.end() || !it->second.has_model_name) continue;  // not Triton's: nothing to summarise
    models.push_back(id);
  }
  if (models.empty()) ++empty_requests_;
  std::vector<std::uint64_t> nested;
  for (const std::uint64_t id : models) {
    nested.push_back(id);
    while (!nested.empty()) {  // depth first, without recursion: input decides the depth
      auto it = held_.find(nested.back());
      nested.pop_back();
      if (it == held_.end()) continue;
      OtlpSpan model = std::move(it->second);
      held_.erase(it);
      const std::vector<std::uint64_t> below = write_model(model, root_events);
      nested.insert(nested.end(), below.rbegin(), below.rend());
      root_events = nullptr;
    }
  }
}

// Writes `model`'s records, with the events of the spans under it that are
// not model spans (in the order they came); returns the model spans under it.
std::vector<std::uint64_t> RequestAssembler::write_model(OtlpSpan& model, const OtlpSpan* root) {
  auto stamps = std::move(model.events);
  std::vector<std::uint64_t> models;
  std::vector<std::uint64_t> below = take_children(model.span_id);
  for (std::size_t k = 0; k < below.size(); ++k) {
    const std::uint64_t id = below[k];
    auto it = held_.find(id);
    if (it == held_.end()) continue;
    if (it->second.has_model_name) {
      models.push_back(id);
      continue;
    }
    stamps.insert(stamps.end(), it->second.events.begin(), it->second.events.end());
    held_.erase(it);
    for (const std::uint64_t child : take_children(id)) below.push_back(child);
  }
  if (root != nullptr) stamps.insert(stamps.end(), root->events.begin(), root->events.end());
  const TraceId id = *model.trace_id;
  std::optional<TraceId> parent;
  if (model.trace_parent_id && *model.trace_parent_id != 0) parent = model.trace_parent_id;
  writer_.add_model(id, parent, model.model_name, model.model_version, stamps);
  return models;
}

void RequestAssembler::finish() {
  std::vector<OtlpSpan> roots = std::move(early_roots_);
  early_roots_.clear();
  for (const OtlpSpan& root : roots) complete(root);
}

UnmappedSpans RequestAssembler::unmapped() const {
  UnmappedSpans u;
  u.spans = held_.size();
  for (const auto& [id, span] : held_) u.model_spans += span.has_model_name ? 1 : 0;
  u.empty_requests = empty_requests_;
  return u;
}

}  // namespace trace_summary
