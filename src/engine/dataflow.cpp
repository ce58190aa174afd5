#include "engine/dataflow.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/errors.hpp"
#include "pycompat/numpy_print.hpp"
#include "load/tensor_reader.hpp"

namespace trace_summary {
namespace {

// A walk through the tree revisits a repeated child's subtree, so a chain of
// repeated children doubles it at each level; past this many visits the file
// is not a tree a person could read. Each visit costs a hash-set insert, so
// the limit also bounds the time spent finding that out (0.1 s).
constexpr std::size_t kMaxVisits = 1'000'000;

bool is_tensor_activity(Activity a) {
  return a == Activity::TensorQueueInput || a == Activity::TensorBackendInput || a == Activity::TensorBackendOutput;
}

const char* activity_label(Activity a) {
  switch (a) {
    case Activity::TensorQueueInput: return "QUEUE_INPUT";
    case Activity::TensorBackendInput: return "BACKEND_INPUT";
    default: return "BACKEND_OUTPUT";
  }
}

// A child id in its parent's list; `first` is false for a repeat of an
// earlier entry of the same list (the script's dict keeps one entry).
struct Child {
  TraceId id;
  bool first;
};

// parent id -> child ids, parents in first-seen order (of the id-ordered
// records). One flat array of children, each parent's in a run of it: a
// file can have a parent for every request.
struct ChildLists {
  std::vector<TraceId> parents;
  std::vector<std::uint32_t> begin;  ///< per parent: where its run starts in `children`; one extra at the end
  std::vector<Child> children;
  std::unordered_map<TraceId, std::uint32_t, TraceIdHash> index;

  /// The children of `id`; nullptr when it is no parent.
  const Child* find(TraceId id, const Child*& end) const {
    auto it = index.find(id);
    if (it == index.end()) return nullptr;
    end = children.data() + begin[it->second + 1];
    return children.data() + begin[it->second];
  }
};

// Marks the repeats of a list (the entries whose id came earlier in it).
void mark_repeats(Child* begin, Child* end) {
  if (end - begin < 2) return;
  std::vector<std::pair<TraceId, Child*>> sorted;
  for (Child* c = begin; c != end; ++c) sorted.emplace_back(c->id, c);
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t k = 1; k < sorted.size(); ++k) {
    if (sorted[k].first == sorted[k - 1].first) sorted[k].second->first = false;
  }
}

ChildLists collect_children(const TraceSet& set) {
  ChildLists lists;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // (parent index, child group), in order
  for (std::uint32_t g : set.groups_by_id) {
    for (const std::uint32_t* r = set.group_records_begin(g); r != set.group_records_end(g); ++r) {
      const RecordAttrs* attrs = set.attrs_of(set.records[*r]);
      if (attrs == nullptr || !attrs->has_parent) continue;
      const TraceId parent = set.parent_ids[attrs->parent];
      auto [it, added] = lists.index.try_emplace(parent, static_cast<std::uint32_t>(lists.parents.size()));
      if (added) lists.parents.push_back(parent);
      edges.emplace_back(it->second, g);
    }
  }
  lists.begin.assign(lists.parents.size() + 1, 0);
  for (const auto& e : edges) ++lists.begin[e.first + 1];
  std::partial_sum(lists.begin.begin(), lists.begin.end(), lists.begin.begin());
  std::vector<std::uint32_t> next(lists.begin.begin(), lists.begin.end() - 1);
  lists.children.resize(edges.size());
  for (const auto& e : edges) lists.children[next[e.first]++] = {set.group_ids[e.second], true};
  for (std::size_t p = 0; p < lists.parents.size(); ++p) {
    mark_repeats(lists.children.data() + lists.begin[p], lists.children.data() + lists.begin[p + 1]);
  }
  return lists;
}

struct TreeNode {
  TraceId id;
  int step;
};

// Pre-order nodes to print, and the depth (how many visited nodes had
// children, counting a repeated child's subtree again, as the script does).
struct Tree {
  std::vector<TreeNode> nodes;
  int depth = 0;
};

Tree build_tree(const ChildLists& lists, TraceId root) {
  struct Frame {
    TraceId id;
    const Child* next;  // null: no children
    const Child* end;
    bool printed;  // false inside a repeated child's subtree
  };
  Tree tree;
  std::vector<Frame> path;
  std::unordered_set<TraceId, TraceIdHash> on_path;
  std::size_t visits = 0;
  auto enter = [&](TraceId id, bool printed) {
    if (++visits > kMaxVisits) throw DataError("the parent_id tree is too large to print");
    if (!on_path.insert(id).second) {
      throw DataError("trace " + wide_int_to_string(id) + " is its own ancestor (parent_id cycle)");
    }
    if (printed) tree.nodes.push_back({id, static_cast<int>(path.size())});
    const Child* end = nullptr;
    const Child* children = lists.find(id, end);
    if (children != nullptr) ++tree.depth;
    path.push_back({id, children, end, printed});
  };
  enter(root, true);
  while (!path.empty()) {
    Frame& top = path.back();
    if (top.next == top.end) {
      on_path.erase(top.id);
      path.pop_back();
      continue;
    }
    const Child& child = *top.next++;
    enter(child.id, top.printed && child.first);
  }
  return tree;
}

// Model name and version a record shows in Data Flow, after the passes'
// changes to the id's first record.
struct NameLines {
  std::uint32_t name = kNone, version = kNone;
  bool shown = false;
};

NameLines name_lines(const TraceSet& set, const FileSummary& summary, std::uint32_t group, const std::uint32_t* record) {
  NameLines lines;
  const bool representative = record == set.group_records_begin(group);
  if (representative && summary.representative_mutated[group]) {
    for (const std::uint32_t* r = set.group_records_begin(group); r != set.group_records_end(group); ++r) {
      if (const RecordAttrs* a = set.attrs_of(set.records[*r])) {
        if (a->model_name != kNone) lines.name = a->model_name;
        if (a->model_version != kNone) lines.version = a->model_version;
      }
    }
    lines.shown = lines.name != kNone && lines.version != kNone;
    return lines;
  }
  const Record& rec = set.records[*record];
  if (const RecordAttrs* a = set.attrs_of(rec)) {
    lines.name = a->model_name;
    lines.version = a->model_version;
    lines.shown = a->has_timestamps && lines.name != kNone && lines.version != kNone;
  }
  return lines;
}

// `NAME: VALUES` for a tensor record, or nullopt when --skip-invalid leaves it out.
std::optional<std::string> tensor_text(const TraceSet& set, TraceId id, const RecordAttrs& attrs, SkipLog* skip) {
  const std::string place = "trace " + wide_int_to_string(id);
  constexpr const char* kKind = "tensors that cannot be printed";
  if (!attrs.has_tensor) {
    reject(skip, kKind, place, place + ": " + activity_label(attrs.activity) + " record has no tensor");
    return std::nullopt;
  }
  const TensorRecord& t = set.tensors[attrs.tensor];
  if (!t.has_name || !t.has_dtype || !t.has_data || !t.has_shape) {
    reject(skip, kKind, place, place + ": tensor lacks one of name, data, shape, dtype");
    return std::nullopt;
  }
  const TensorFields fields = tensor_fields(set, t);
  try {
    return fields.name + ": " + format_tensor(fields.dtype, fields.shape, fields.data);
  } catch (const TensorError& e) {
    reject(skip, kKind, place, place + ": tensor " + printable(fields.name) + ": " + e.what());
    return std::nullopt;
  }
}

// `count` times `c`, written a piece at a time: a deep tree's bars run to
// thousands of characters a line, a million times over.
void write_repeated(Output& out, char c, std::size_t count) {
  static const std::string kTabs(256, '\t'), kBars(256, '=');
  const std::string_view piece = c == '\t' ? kTabs : kBars;
  for (std::size_t n = count; n > 0;) {
    const std::size_t part = std::min(n, piece.size());
    out << piece.substr(0, part);
    n -= part;
  }
}

void render_block(const TraceSet& set, const FileSummary& summary, TraceId id, int depth, int step, SkipLog* skip,
                  Output& out) {
  if (id == 0) return;
  const auto tabs = static_cast<std::size_t>(step + 1);
  const int width = 50 + 8 * (depth - step);
  const auto bar = [&] {
    write_repeated(out, '\t', tabs);
    write_repeated(out, '=', static_cast<std::size_t>(width > 0 ? width : 0));
    out << '\n';
  };
  // A line of the block: its indentation, then `text`.
  const auto line = [&](std::string_view text) {
    write_repeated(out, '\t', tabs);
    out << text;
  };
  bar();
  const std::uint32_t g = find_group(set, id);
  if (g != kNone) {
    for (const std::uint32_t* r = set.group_records_begin(g); r != set.group_records_end(g); ++r) {
      const NameLines lines = name_lines(set, summary, g, r);
      if (lines.shown) {
        line("Name:   ");
        out << set.values[lines.name].text << '\n';
        line("Version:");
        out << set.values[lines.version].text << '\n';
      }
      const RecordAttrs* attrs = set.attrs_of(set.records[*r]);
      if (attrs == nullptr || !is_tensor_activity(attrs->activity)) continue;
      const std::optional<std::string> text = tensor_text(set, id, *attrs, skip);
      if (!text) continue;
      line(activity_label(attrs->activity));
      out << ":\n";
      line("\t");
      out << *text << '\n';
    }
  }
  bar();
}

bool is_kept(const TraceSet& set, TraceId id, const std::vector<bool>* kept) {
  if (kept == nullptr) return true;
  const std::uint32_t g = find_group(set, id);
  return g != kNone && (*kept)[g];
}

// The id of the first TENSOR record in id order (of a kept trace), if any.
const TraceId* first_tensor_id(const TraceSet& set, const std::vector<bool>* kept) {
  for (std::uint32_t g : set.groups_by_id) {
    if (kept != nullptr && !(*kept)[g]) continue;
    for (const std::uint32_t* r = set.group_records_begin(g); r != set.group_records_end(g); ++r) {
      const RecordAttrs* attrs = set.attrs_of(set.records[*r]);
      if (attrs != nullptr && is_tensor_activity(attrs->activity)) return &set.group_ids[g];
    }
  }
  return nullptr;
}

void render_single_model(const TraceSet& set, const FileSummary& summary, SkipLog* skip,
                         const std::vector<bool>* kept, Output& out) {
  const TraceId* first = first_tensor_id(set, kept);
  // Records without an id sort as id -1 in the script, and it reads their id.
  if (kept == nullptr && set.has_tensor_without_id && (first == nullptr || *first >= -1)) {
    reject(skip, "TENSOR records without id", "Data Flow", "a TENSOR record has no id");
  }
  if (first == nullptr || *first == 0) return;
  out << "Data Flow:\n";
  render_block(set, summary, *first, 0, 0, skip, out);
}


// The tree the section shows: the first parent's, or with --model the first
// that holds a kept trace.
std::optional<Tree> shown_tree(const TraceSet& set, const ChildLists& lists, const std::vector<bool>* kept) {
  if (kept == nullptr) return build_tree(lists, lists.parents.front());
  for (TraceId parent : lists.parents) {
    Tree tree = build_tree(lists, parent);
    for (const TreeNode& node : tree.nodes) {
      if (is_kept(set, node.id, kept)) return tree;
    }
  }
  return std::nullopt;
}

}  // namespace

void render_dataflow(const TraceSet& set, const FileSummary& summary, Output& out, SkipLog* skip,
                     const std::vector<bool>* kept) {
  if (summary.naming == Naming::Lowercase) return;
  const ChildLists lists = collect_children(set);
  if (lists.parents.empty()) {
    render_single_model(set, summary, skip, kept, out);
    return;
  }
  const std::optional<Tree> shown = shown_tree(set, lists, kept);
  if (!shown) return;
  const Tree& tree = *shown;
  out << "Data Flow:\n";
  for (const TreeNode& node : tree.nodes) render_block(set, summary, node.id, tree.depth, node.step, skip, out);
}

}  // namespace trace_summary
