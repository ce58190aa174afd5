// The OTLP/JSON SAX consumer. A stack of frames says where the parser is
// (export request, resourceSpans list, a span, one of its attributes, ...);
// what a key leads to is one table (expectation()), and every value that
// does not have the shape OTLP gives it is one message naming its path.
#include "load/otlp_reader.hpp"

#include <nlohmann/json.hpp>

#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <variant>

#include "load/otlp_detect.hpp"
#include "load/otlp_keys.hpp"
#include "pycompat/py_number.hpp"

namespace trace_summary {
namespace {

using json = nlohmann::json;
using otlp::Key;

enum class Ctx : std::uint8_t {
  Export, ResourceList, Resource, ScopeList, Scope, SpanList, Span, AttrList, Attr, AnyValue, EventList, Event, Skip
};
enum class Shape : std::uint8_t { Object, Array, Scalar, Any };

bool is_list(Ctx c) {
  return c == Ctx::ResourceList || c == Ctx::ScopeList || c == Ctx::SpanList || c == Ctx::AttrList || c == Ctx::EventList;
}

// What the value of `key` in a `parent` object (or an element of a `parent`
// list) is read as.
std::pair<Ctx, Shape> expectation(Ctx parent, Key key) {
  switch (parent) {
    case Ctx::Export: return key == Key::ResourceSpans ? std::pair{Ctx::ResourceList, Shape::Array} : std::pair{Ctx::Skip, Shape::Any};
    case Ctx::ResourceList: return {Ctx::Resource, Shape::Object};
    case Ctx::Resource: return key == Key::ScopeSpans ? std::pair{Ctx::ScopeList, Shape::Array} : std::pair{Ctx::Skip, Shape::Any};
    case Ctx::ScopeList: return {Ctx::Scope, Shape::Object};
    case Ctx::Scope: return key == Key::Spans ? std::pair{Ctx::SpanList, Shape::Array} : std::pair{Ctx::Skip, Shape::Any};
    case Ctx::SpanList: return {Ctx::Span, Shape::Object};
    case Ctx::Span:
      switch (key) {
        case Key::Attributes: return {Ctx::AttrList, Shape::Array};
        case Key::Events: return {Ctx::EventList, Shape::Array};
        case Key::TraceId: case Key::SpanId: case Key::ParentSpanId: case Key::Name: case Key::StartTime: case Key::EndTime:
          return {Ctx::Skip, Shape::Scalar};
        default: return {Ctx::Skip, Shape::Any};
      }
    case Ctx::AttrList: return {Ctx::Attr, Shape::Object};
    case Ctx::Attr:
      if (key == Key::Value) return {Ctx::AnyValue, Shape::Object};
      return {Ctx::Skip, key == Key::AttrKey ? Shape::Scalar : Shape::Any};
    case Ctx::AnyValue: {
      const bool leaf = key == Key::StringValue || key == Key::IntValue || key == Key::BoolValue || key == Key::DoubleValue;
      return {Ctx::Skip, leaf ? Shape::Scalar : Shape::Any};
    }
    case Ctx::EventList: return {Ctx::Event, Shape::Object};
    case Ctx::Event: return {Ctx::Skip, key == Key::TimeUnixNano || key == Key::Name ? Shape::Scalar : Shape::Any};
    case Ctx::Skip: break;
  }
  return {Ctx::Skip, Shape::Any};
}

// What a leaf key's value must be, for messages.
const char* expected_scalar(Key key) {
  switch (key) {
    case Key::TraceId: return "32 hex digits";
    case Key::SpanId: return "16 hex digits";
    case Key::ParentSpanId: return "16 hex digits or \"\"";
    case Key::StartTime: case Key::EndTime: case Key::TimeUnixNano: case Key::IntValue: return "an integer";
    case Key::BoolValue: return "a boolean";
    case Key::DoubleValue: return "a number";
    default: return "a string";
  }
}

// The triton.* attributes the mapping reads.
enum class TritonAttr : std::uint8_t { Other, ModelName, ModelVersion, TraceId, TraceParentId };

TritonAttr classify_attr(std::string_view key) {
  if (key == "triton.model_name") return TritonAttr::ModelName;
  if (key == "triton.model_version") return TritonAttr::ModelVersion;
  if (key == "triton.trace_id") return TritonAttr::TraceId;
  if (key == "triton.trace_parent_id") return TritonAttr::TraceParentId;
  return TritonAttr::Other;
}

// One JSON scalar as the parser reports it (a string by reference).
struct Scalar {
  std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, const std::string*> value = nullptr;

  const std::string* text() const {
    const auto* p = std::get_if<const std::string*>(&value);
    return p != nullptr ? *p : nullptr;
  }
  bool is_number() const { return value.index() >= 2 && value.index() <= 4; }
  double as_double() const {
    return std::visit([](auto v) -> double {
      if constexpr (std::is_arithmetic_v<decltype(v)>) return static_cast<double>(v);
      return 0;
    }, value);
  }
  // A 64-bit signed integer, as a JSON number or an OTLP decimal string.
  std::optional<std::int64_t> as_int64() const {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    const auto* u = std::get_if<std::uint64_t>(&value);
    if (u != nullptr && *u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(*u);
    if (text() != nullptr) return otlp::parse_decimal(*text());
    return std::nullopt;
  }
  std::string describe() const;
};

std::string Scalar::describe() const {
  if (const auto* d = std::get_if<double>(&value)) return py_float_repr(*d);
  if (const auto* f = std::get_if<bool>(&value)) return *f ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* u = std::get_if<std::uint64_t>(&value)) return std::to_string(*u);
  const std::string* t = text();
  if (t == nullptr) return "null";
  constexpr std::size_t kMax = 40;
  return "the string \"" + printable(t->substr(0, kMax)) + (t->size() > kMax ? "...\"" : "\"");
}

// An attribute's value (AnyValue) as far as the summary can use it.
struct AttrValue {
  bool present = false;
  PyScalar py;
  std::optional<std::int64_t> integer;
  std::string description;
};

struct Frame {
  explicit Frame(Ctx c, std::string l = {}) : ctx(c), label(std::move(l)) {}
  Ctx ctx;
  Key key = Key::Other;     // objects: the key being read
  std::size_t count = 0;    // lists: elements begun
  std::string label;        // lists: the key that holds it, as written
};

class OtlpReader {
 public:
  OtlpReader(InputSource& input, TraceSet& set, SpanSink& sink, SkipLog* skip)
      : input_(input), set_(set), sink_(sink), skip_(skip) {}

  const std::string& error() const { return error_; }
  // The parse stopped because the input ended inside a value.
  bool cut_at_end() const { return parse_error_at_end_; }
  void begin_value() {
    // A large value's table is let go, not cleared: clearing costs its
    // bucket count again for every later value, however small.
    if (span_ids_.bucket_count() > 1024) {
      std::unordered_set<std::uint64_t>().swap(span_ids_);
    } else {
      span_ids_.clear();
    }
    stack_.clear();
    discard_level_ = kNotDiscarding;
    parse_error_at_end_ = false;
  }

  // nlohmann SAX interface.
  bool null() { return scalar({}); }
  bool boolean(bool v) { return scalar({v}); }
  bool number_integer(json::number_integer_t v) { return scalar({std::int64_t{v}}); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar({std::uint64_t{v}}); }
  bool number_float(json::number_float_t v, const std::string&) { return scalar({double{v}}); }
  bool string(std::string& v) { return scalar({static_cast<const std::string*>(&v)}); }
  bool binary(json::binary_t&) { return fail("unexpected binary value"); }
  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k);
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex);

 private:
  static constexpr std::size_t kNotDiscarding = SIZE_MAX;
  bool ignoring() const { return discard_level_ != kNotDiscarding || stack_.back().ctx == Ctx::Skip; }
  bool open(bool object);
  bool open_top(bool object);
  bool scalar(const Scalar& v);
  bool leaf(Ctx ctx, Key key, const Scalar& v);
  bool span_leaf(Key key, const Scalar& v);
  bool value_leaf(Key key, const Scalar& v);
  bool event_leaf(Key key, const Scalar& v);
  bool close();
  bool end_attribute();
  bool end_event();
  bool end_span();
  bool begin_element(Ctx child);
  std::string path() const;
  std::string leaf_path() const { return path() + "." + key_text_; }
  bool fail(const std::string& what);
  bool reject(std::string_view kind, const std::string& what);

  InputSource& input_;
  TraceSet& set_;
  SpanSink& sink_;
  SkipLog* skip_;
  std::vector<Frame> stack_;
  std::size_t discard_level_ = kNotDiscarding;  // leaving out everything until the stack is this small again
  std::string key_text_;
  std::string error_;
  bool parse_error_at_end_ = false;
  bool saw_resource_spans_ = false;
  OtlpSpan span_;
  bool has_span_id_ = false;
  TritonAttr attr_ = TritonAttr::Other;
  AttrValue attr_value_;
  bool event_has_time_ = false, event_has_name_ = false;
  std::int64_t event_ns_ = 0;
  NameId event_name_ = 0;
  // The span ids of this JSON value (one export request): one that repeats
  // is refused, by the file reader and the receiver alike, whatever the
  // state of the request it repeats.
  std::unordered_set<std::uint64_t> span_ids_;
};

bool OtlpReader::fail(const std::string& what) {
  const InputPosition p = input_.position();
  error_ = "line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ": " + what;
  return false;
}

// A value that breaks a rule: stops the file, or with --skip-invalid leaves
// out the span it is in (or, outside spans, the value itself) and reads on.
bool OtlpReader::reject(std::string_view kind, const std::string& what) {
  if (skip_ == nullptr) return fail(what);
  skip_->add(kind, "line " + std::to_string(input_.position().line));
  for (std::size_t level = 0; level < stack_.size(); ++level) {
    if (stack_[level].ctx == Ctx::Span) {
      discard_level_ = level;
      break;
    }
  }
  return true;
}

bool OtlpReader::parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
  std::string text = ex.what();
  const std::string marker = "parse error at ";
  if (auto at = text.find(marker); at != std::string::npos) text = text.substr(at + marker.size());
  const bool ended = text.find("unexpected end of input") != std::string::npos;
  parse_error_at_end_ = input_.at_end() && (ended || text.find(" - invalid ") != std::string::npos);
  if (!input_.at_end() && ended) return fail("unexpected NUL byte: this is not OTLP JSON");
  error_ = printable(text);
  return false;
}

std::string OtlpReader::path() const {
  std::string out;
  for (const Frame& f : stack_) {
    if (f.ctx == Ctx::AnyValue) out += "." + f.label;
    if (!is_list(f.ctx)) continue;
    if (!out.empty()) out += '.';
    out += f.label + "[" + std::to_string(f.count - 1) + "]";
  }
  return out;
}

bool OtlpReader::key(std::string& k) {
  if (ignoring()) return true;
  stack_.back().key = otlp::classify(k);
  key_text_.swap(k);  // the parser's buffer is ours to take; it clears what it gets back
  return true;
}

bool OtlpReader::open_top(bool object) {
  if (!object) return fail("not OTLP: a JSON array where an object {\"resourceSpans\": [...]} should be");
  stack_.emplace_back(Ctx::Export);
  saw_resource_spans_ = false;
  return true;
}

bool OtlpReader::open(bool object) {
  if (stack_.empty()) return open_top(object);
  if (ignoring()) {
    stack_.emplace_back(Ctx::Skip);
    return true;
  }
  Frame& parent = stack_.back();
  if (is_list(parent.ctx)) ++parent.count;
  const auto [child, shape] = expectation(parent.ctx, parent.key);
  const char* found = object ? "an object" : "an array";
  bool ok = true;
  if (shape == Shape::Scalar) {
    ok = reject("values of the wrong type", leaf_path() + " is " + found + ", not " + expected_scalar(parent.key));
  } else if (shape == Shape::Object && !object) {
    ok = reject("values of the wrong type", (is_list(parent.ctx) ? path() : leaf_path()) + " is an array, not an object");
  } else if (shape == Shape::Array && object) {
    ok = reject("values of the wrong type", leaf_path() + " is an object, not an array");
  } else if (shape != Shape::Any) {
    return begin_element(child);
  }
  if (!ok) return false;
  stack_.emplace_back(Ctx::Skip);
  return true;
}

bool OtlpReader::begin_element(Ctx child) {
  std::string label = is_list(child) || child == Ctx::AnyValue ? key_text_ : std::string();
  stack_.emplace_back(child, std::move(label));
  switch (child) {
    case Ctx::ResourceList: saw_resource_spans_ = true; break;
    case Ctx::Span:
      span_ = OtlpSpan{};
      has_span_id_ = false;
      break;
    case Ctx::Attr:
      attr_ = TritonAttr::Other;
      attr_value_ = AttrValue{};
      break;
    case Ctx::Event: event_has_time_ = event_has_name_ = false; break;
    default: break;
  }
  return true;
}

bool OtlpReader::scalar(const Scalar& v) {
  if (stack_.empty()) return fail("not OTLP: " + v.describe() + " where an object {\"resourceSpans\": [...]} should be");
  if (ignoring()) return true;
  Frame& parent = stack_.back();
  if (is_list(parent.ctx)) {
    ++parent.count;
    return reject("values of the wrong type", path() + " is " + v.describe() + ", not an object");
  }
  const auto [child, shape] = expectation(parent.ctx, parent.key);
  (void)child;
  if (shape == Shape::Any) return true;
  if (shape != Shape::Scalar) {
    return reject("values of the wrong type",
                  leaf_path() + " is " + v.describe() + ", not " + (shape == Shape::Array ? "an array" : "an object"));
  }
  return leaf(parent.ctx, parent.key, v);
}

bool OtlpReader::leaf(Ctx ctx, Key key, const Scalar& v) {
  switch (ctx) {
    case Ctx::Span: return span_leaf(key, v);
    case Ctx::AnyValue: return value_leaf(key, v);
    case Ctx::Event: return event_leaf(key, v);
    case Ctx::Attr:
      if (v.text() == nullptr) break;
      attr_ = classify_attr(*v.text());
      return true;
    default: return true;
  }
  return reject("values of the wrong type", leaf_path() + " is " + v.describe() + ", not " + expected_scalar(key));
}

bool OtlpReader::span_leaf(Key key, const Scalar& v) {
  const std::string* text = v.text();
  bool ok = false;
  switch (key) {
    case Key::TraceId: ok = text && otlp::is_trace_id(*text); break;
    case Key::SpanId:
      if (auto id = text ? otlp::parse_span_id(*text) : std::nullopt) {
        span_.span_id = *id;
        ok = has_span_id_ = true;
      }
      break;
    case Key::ParentSpanId:
      if (text && text->empty()) {
        span_.parent_span_id.reset();
        ok = true;
      } else if (auto id = text ? otlp::parse_span_id(*text) : std::nullopt) {
        span_.parent_span_id = *id;
        ok = true;
      }
      break;
    case Key::Name:
      if (text) span_.name = *text;
      ok = text != nullptr;
      break;
    default: ok = v.as_int64().has_value(); break;  // start and end times: checked, not used
  }
  if (ok) return true;
  return reject("values of the wrong type", leaf_path() + " is " + v.describe() + ", not " + expected_scalar(key));
}

bool OtlpReader::value_leaf(Key key, const Scalar& v) {
  bool ok = false;
  AttrValue& a = attr_value_;
  switch (key) {
    case Key::StringValue:
      if ((ok = v.text() != nullptr)) a.py = PyScalar::string(*v.text());
      break;
    case Key::IntValue:
      if ((a.integer = v.as_int64())) a.py = PyScalar::integer_text(std::to_string(*a.integer));
      ok = a.integer.has_value();
      break;
    case Key::BoolValue:
      if (const bool* b = std::get_if<bool>(&v.value)) a.py = PyScalar::boolean(*b);
      ok = std::holds_alternative<bool>(v.value);
      break;
    default:
      if ((ok = v.is_number())) a.py = PyScalar::floating(v.as_double());
      break;
  }
  if (!ok) return reject("values of the wrong type", leaf_path() + " is " + v.describe() + ", not " + expected_scalar(key));
  a.present = true;
  if (!a.integer) a.description = v.describe();  // only a message about a non-integer uses it
  return true;
}

bool OtlpReader::event_leaf(Key key, const Scalar& v) {
  if (key == Key::TimeUnixNano) {
    const auto ns = v.as_int64();
    if (!ns) return reject("values of the wrong type", leaf_path() + " is " + v.describe() + ", not an integer");
    event_ns_ = *ns;
    event_has_time_ = true;
    return true;
  }
  if (v.text() == nullptr) return reject("values of the wrong type", leaf_path() + " is " + v.describe() + ", not a string");
  const auto id = set_.names.intern(*v.text());
  if (!id) return fail(leaf_path() + ": too many distinct event names");
  event_name_ = *id;
  event_has_name_ = true;
  return true;
}

bool OtlpReader::close() {
  const Frame frame = std::move(stack_.back());
  stack_.pop_back();
  if (discard_level_ != kNotDiscarding) {
    if (stack_.size() == discard_level_) discard_level_ = kNotDiscarding;
    return true;
  }
  switch (frame.ctx) {
    case Ctx::Export:
      if (!saw_resource_spans_) return fail("not OTLP: no resourceSpans in this JSON object (nor a trace file, which is a JSON array of records)");
      return true;
    case Ctx::Attr: return end_attribute();
    case Ctx::Event: return end_event();
    case Ctx::Span: return end_span();
    default: return true;
  }
}

bool OtlpReader::end_attribute() {
  if (attr_ == TritonAttr::Other) return true;
  static constexpr const char* kNames[] = {"", "triton.model_name", "triton.model_version", "triton.trace_id",
                                           "triton.trace_parent_id"};
  // Named only for a message: a path costs more than the attribute itself.
  const auto place = [&] { return path() + ".value (" + kNames[static_cast<int>(attr_)] + ")"; };
  if (!attr_value_.present) return reject("attributes without a value", place() + " has no value");
  switch (attr_) {
    case TritonAttr::ModelName:
      span_.has_model_name = true;
      span_.model_name = set_.values.intern(attr_value_.py);
      return true;
    case TritonAttr::ModelVersion: span_.model_version = set_.values.intern(attr_value_.py); return true;
    default: break;
  }
  if (!attr_value_.integer) {
    return reject("values of the wrong type", place() + " is " + attr_value_.description + ", not an integer");
  }
  (attr_ == TritonAttr::TraceId ? span_.trace_id : span_.trace_parent_id) = TraceId{*attr_value_.integer};
  return true;
}

bool OtlpReader::end_event() {
  if (!event_has_time_) return reject("events without a time", path() + " has no timeUnixNano");
  if (!event_has_name_) return reject("events without a name", path() + " has no name");
  span_.events.emplace_back(event_name_, event_ns_);
  return true;
}

bool OtlpReader::end_span() {
  if (!has_span_id_) return reject("spans without a spanId", path() + " has no spanId");
  if (!span_ids_.insert(span_.span_id).second) {
    return reject("spans whose spanId repeats",
                  path() + ": spanId " + otlp::span_id_text(span_.span_id) + " repeats a span of this export request");
  }
  if (span_.has_model_name && !span_.trace_id) {
    return reject("model spans without triton.trace_id", path() + " has triton.model_name but no triton.trace_id");
  }
  if (auto problem = sink_.take(std::move(span_))) return reject(problem->kind, path() + ": " + problem->what);
  return true;
}

// Moves past white space; false at the end of the input.
bool skip_space(InputSource& input) {
  for (auto it = input.begin(); it != input.end(); ++it) {
    if (!is_json_space(*it)) return true;
  }
  return false;
}

}  // namespace

OtlpEnding read_otlp(InputSource& input, TraceSet& set, SpanSink& sink, SkipLog* skip) {
  OtlpReader reader(input, set, sink, skip);
  OtlpEnding ending;
  while (skip_space(input)) {
    reader.begin_value();
    const bool ok = json::sax_parse(input.begin(), input.end(), &reader, json::input_format_t::json, false, false);
    if (!input.read_error().empty()) throw DataError("read error: " + input.read_error());
    if (!ok && reader.cut_at_end()) {
      ending.truncated = true;
      ending.truncated_line = input.position().line;
      break;
    }
    if (!ok) throw DataError(reader.error().empty() ? std::string("not OTLP JSON") : reader.error());
    ++ending.complete_values;
  }
  return ending;
}

}  // namespace trace_summary
