// The fast path in front of nlohmann: walks the top-level array of a trace
// file itself and hands each element that record_scanner recognises to the
// SAX consumer as exactly the events, at exactly the input offsets, that
// nlohmann's parser would produce. An element it does not recognise (white
// space, escapes, fractions, big numbers, invalid UTF-8, an element cut by
// the end of a read block or of the file) is parsed by nlohmann alone; what
// stands between elements, if it is anything but one comma, sends the rest
// of the file to nlohmann. So results, warnings and errors are always those
// of nlohmann's parse of the whole file; syntax errors name the same place.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "io/input_source.hpp"
#include "load/record_scanner.hpp"

namespace trace_summary::detail {

/// nlohmann's error text with its place ("line L, column C") moved from a
/// parse that read `prefix` first and then the input from `base` on, to the
/// place in the input itself.
std::string shift_error_place(std::string text, const InputPosition& base, std::string_view prefix);

/// What nlohmann is fed before the input when it takes over: bytes the fast
/// path has read already, read again, so that its state, and the text its
/// errors quote ("last read: ..."), are those of one parse of the file.
struct Replay {
  std::string_view rest;          ///< what of the replayed bytes is still to be read
  bool input_read = false;        ///< a byte of the input itself has been read
  std::string* record = nullptr;  ///< when set, the input's bytes read are appended here
};

/// An input iterator over the replayed bytes and then the rest of an InputSource.
class ReplayIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  ReplayIterator() = default;
  ReplayIterator(Replay& replay, InputSource& input) : replay_(&replay), rest_(input.begin()) {}
  reference operator*() const { return replay_->rest.empty() ? *rest_ : replay_->rest.front(); }
  ReplayIterator& operator++() {
    if (!replay_->rest.empty()) {
      replay_->rest.remove_prefix(1);
      return *this;
    }
    if (replay_->record != nullptr) replay_->record->push_back(*rest_);
    replay_->input_read = true;
    ++rest_;
    return *this;
  }
  void operator++(int) { ++*this; }
  friend bool operator==(const ReplayIterator& a, const ReplayIterator& b) { return a.done() == b.done(); }
  friend bool operator!=(const ReplayIterator& a, const ReplayIterator& b) { return a.done() != b.done(); }

 private:
  bool done() const { return replay_ == nullptr || (replay_->rest.empty() && rest_ == InputSource::iterator()); }
  Replay* replay_ = nullptr;
  InputSource::iterator rest_;
};

/// nlohmann's events passed on to `Sax`, leaving out those of the replayed
/// bytes, with syntax errors placed in the input. With `one_element`, it
/// stops nlohmann once the element that follows them has ended. `Sax` has
/// nlohmann's SAX interface, except that syntax errors go to
/// `syntax_error(id, token, text)`.
template <class Sax>
class ResumedSax {
 public:
  using json = nlohmann::json;
  ResumedSax(Sax& sax, const Replay& replay, std::string_view replayed, InputPosition base, bool one_element)
      : sax_(sax), replay_(replay), replayed_(replayed), base_(base), one_element_(one_element) {}

  /// The element ended and nlohmann was stopped there on purpose.
  bool element_done() const { return element_done_; }
  /// The element held a key or a scalar.
  bool saw_scalar() const { return saw_scalar_; }

  bool null() {
    return scalar([&] { return sax_.null(); });
  }
  bool boolean(bool v) {
    return scalar([&] { return sax_.boolean(v); });
  }
  bool number_integer(json::number_integer_t v) {
    return scalar([&] { return sax_.number_integer(v); });
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return scalar([&] { return sax_.number_unsigned(v); });
  }
  bool number_float(json::number_float_t v, const std::string& raw) {
    return scalar([&] { return sax_.number_float(v, raw); });
  }
  bool string(std::string& v) {
    return scalar([&] { return sax_.string(v); });
  }
  bool binary(json::binary_t& v) {
    return scalar([&] { return sax_.binary(v); });
  }
  bool key(std::string& k) {
    return scalar([&] { return sax_.key(k); });
  }
  bool start_object(std::size_t n) {
    return open([&] { return sax_.start_object(n); });
  }
  bool start_array(std::size_t n) {
    return open([&] { return sax_.start_array(n); });
  }
  bool end_object() {
    return close([&] { return sax_.end_object(); });
  }
  bool end_array() {
    return close([&] { return sax_.end_array(); });
  }
  bool parse_error(std::size_t, const std::string& token, const nlohmann::detail::exception& ex) {
    return sax_.syntax_error(ex.id, token, shift_error_place(ex.what(), base_, replayed_));
  }

 private:
  template <class F>
  bool scalar(F&& f) {
    if (!replay_.input_read) return true;
    saw_scalar_ = true;
    return f();
  }
  template <class F>
  bool open(F&& f) {
    if (!replay_.input_read) return true;
    ++depth_;
    return f();
  }
  template <class F>
  bool close(F&& f) {
    if (!replay_.input_read) return true;
    if (!f()) return false;
    if (--depth_ == 0 && one_element_) {
      element_done_ = true;
      return false;
    }
    return true;
  }

  Sax& sax_;
  const Replay& replay_;
  std::string_view replayed_;
  InputPosition base_;
  bool one_element_;
  std::size_t depth_ = 0;
  bool element_done_ = false;
  bool saw_scalar_ = false;
};

/// Parses all of `input` into `sax` as json::sax_parse(input.begin(),
/// input.end(), &sax) would (strict, no comments), with the same events,
/// the same result and the same errors, faster.
template <class Sax>
class FastPath {
 public:
  using json = nlohmann::json;
  FastPath(InputSource& input, Sax& sax) : input_(input), sax_(sax) { tokens_.reserve(64); }

  bool parse() {
    std::string_view view = input_.buffered();
    if (view.empty() || view[0] != '[') return nlohmann_rest();
    lead_ = "";  // what nlohmann would read again starts with the file
    consume(view, 1);
    if (!sax_.start_array(kUnknownSize)) return false;
    for (;;) {
      view = input_.buffered();
      if (view.empty() || view[0] != '{' || history_.size() > kMaxReplay) return nlohmann_rest();
      if (const std::size_t size = scan_stamp_record(view.data(), view.data() + view.size(), stamp_)) {
        if (!stamp_element(view, size)) return false;
      } else if (const std::size_t size = scan_record(view.data(), view.data() + view.size(), tokens_); size == 0) {
        const Outcome outcome = nlohmann_element();
        if (outcome != Outcome::ElementDone) return outcome == Outcome::Ok;
      } else if (!fast_element(view, size)) {
        return false;
      }
      view = input_.buffered();
      if (view.empty() || view[0] != ',') return nlohmann_rest();
      consume(view, 1);
    }
  }

 private:
  static constexpr std::size_t kUnknownSize = static_cast<std::size_t>(-1);
  static constexpr std::uint64_t kMaxNs = static_cast<std::uint64_t>(INT64_MAX);
  // Longer replays: nlohmann takes the rest of the file (so the replays,
  // each read once, cost no more than the file).
  static constexpr std::size_t kMaxReplay = std::size_t{1} << 16;
  enum class Outcome : std::uint8_t { Ok, Failed, ElementDone };

  // The bytes nlohmann would read again if it took over now: everything
  // from the start of the last element that held a key (behind a made-up
  // "["), or from the start of the file. Kept as pointers into the read
  // block (`pending_` up to the cursor) while the block lasts.
  std::string replay_bytes(const char* cursor) const {
    std::string bytes = lead_ + history_;
    if (pending_ != nullptr) bytes.append(pending_, static_cast<std::size_t>(cursor - pending_));
    return bytes;
  }
  // The replay starts again at `at`, an element that holds a key.
  void restart_replay(const char* at) {
    lead_ = "[";
    history_.clear();
    pending_ = at;
  }
  // Copies what is pending up to `to`, the end of the read block.
  void keep_pending(const char* to) {
    if (pending_ != nullptr) history_.append(pending_, static_cast<std::size_t>(to - pending_));
    pending_ = nullptr;
  }
  // Consumes `n` bytes at the start of `view` (the read block) that
  // nlohmann would read again.
  void consume(std::string_view view, std::size_t n) {
    if (pending_ == nullptr) pending_ = view.data();
    if (n == view.size()) keep_pending(view.data() + n);
    input_.skip(n);
  }

  bool fast_element(std::string_view view, std::size_t size) {
    if (tokens_.size() > 2) {  // not {}
      restart_replay(view.data());
    } else if (pending_ == nullptr) {
      pending_ = view.data();
    }
    if (size == view.size()) keep_pending(view.data() + size);
    return replay(view.data());
  }

  // The timestamp record in `stamp_`: its events, as replay() would give them.
  bool stamp_element(std::string_view view, std::size_t size) {
    restart_replay(view.data());
    if (size == view.size()) keep_pending(view.data() + size);
    const StampRecord& r = stamp_;
    const std::string_view name = view.substr(r.name_begin, r.name_size);
    if (const auto name_id = sax_.direct_stamp_name(name, !r.ns_unsigned || r.ns_u <= kMaxNs)) {
      const std::uint64_t element_offset = input_.offset();
      input_.skip(size);
      return sax_.stamp_record(r.id, *name_id, r.ns_unsigned ? static_cast<std::int64_t>(r.ns_u) : r.ns_i,
                               element_offset);
    }
    const std::uint32_t name_end = r.name_begin + r.name_size;
    std::uint32_t at = 0;
    auto to = [this, &at](std::uint32_t end) {
      input_.skip(end - at);
      at = end;
    };
    text_.assign(view.data() + r.name_begin, r.name_size);
    to(1);
    if (!sax_.start_object(kUnknownSize)) return false;
    to(5);
    if (!sax_.key(key_id_)) return false;
    to(r.id_end + 1);
    if (!sax_.number_unsigned(r.id)) return false;
    to(r.id_end + 13);
    if (!sax_.key(key_timestamps_)) return false;
    to(r.id_end + 15);
    if (!sax_.start_array(kUnknownSize)) return false;
    to(r.id_end + 16);
    if (!sax_.start_object(kUnknownSize)) return false;
    to(r.id_end + 22);
    if (!sax_.key(key_name_)) return false;
    to(name_end + 1);
    if (!sax_.string(text_)) return false;
    to(name_end + 6);
    if (!sax_.key(key_ns_)) return false;
    to(r.ns_end + 1);
    if (!(r.ns_unsigned ? sax_.number_unsigned(r.ns_u) : sax_.number_integer(r.ns_i))) return false;
    if (!sax_.end_object()) return false;
    to(r.ns_end + 2);
    if (!sax_.end_array()) return false;
    to(r.ns_end + 3);
    return sax_.end_object();
  }

  bool replay(const char* element) {
    std::uint32_t at = 0;
    for (const ScanToken& t : tokens_) {
      using Kind = ScanToken::Kind;
      if (t.kind == Kind::Key || t.kind == Kind::String) text_.assign(element + t.text_begin, t.text_size);
      input_.skip(t.end - at);
      at = t.end;
      if (!event(t)) return false;
    }
    return true;
  }

  bool event(const ScanToken& t) {
    using Kind = ScanToken::Kind;
    switch (t.kind) {
      case Kind::BeginObject:
        return sax_.start_object(kUnknownSize);
      case Kind::EndObject:
        return sax_.end_object();
      case Kind::BeginArray:
        return sax_.start_array(kUnknownSize);
      case Kind::EndArray:
        return sax_.end_array();
      case Kind::Key:
        return sax_.key(text_);
      case Kind::String:
        return sax_.string(text_);
      case Kind::Unsigned:
        return sax_.number_unsigned(t.u);
      case Kind::Integer:
        return sax_.number_integer(t.i);
      case Kind::True:
        return sax_.boolean(true);
      case Kind::False:
        return sax_.boolean(false);
      case Kind::Null:
        break;
    }
    return sax_.null();
  }

  // The element at the cursor, by nlohmann.
  Outcome nlohmann_element() {
    const std::string replayed = replay_bytes(input_.buffered().data());
    if (replayed.size() > kMaxReplay) return nlohmann_rest() ? Outcome::Ok : Outcome::Failed;
    std::string element;
    Replay replay{replayed, false, &element};
    ResumedSax<Sax> resumed(sax_, replay, replayed, input_.position(), true);
    const bool ok = json::sax_parse(ReplayIterator(replay, input_), ReplayIterator(), &resumed,
                                    json::input_format_t::json, false, false);
    if (!resumed.element_done()) return ok ? Outcome::Ok : Outcome::Failed;
    if (resumed.saw_scalar()) {
      lead_ = "[";
      history_ = std::move(element);
    } else {
      history_ = replayed.substr(lead_.size()) + element;
    }
    pending_ = nullptr;
    return Outcome::ElementDone;
  }

  // The rest of the input, by nlohmann.
  bool nlohmann_rest() {
    const std::string replayed = replay_bytes(input_.buffered().data());
    Replay replay{replayed, false, nullptr};
    ResumedSax<Sax> resumed(sax_, replay, replayed, input_.position(), false);
    return json::sax_parse(ReplayIterator(replay, input_), ReplayIterator(), &resumed, json::input_format_t::json, true,
                           false);
  }

  InputSource& input_;
  Sax& sax_;
  std::vector<ScanToken> tokens_;
  StampRecord stamp_;
  std::string text_;
  // The keys of the timestamp record (the consumer takes them as strings).
  std::string key_id_ = "id", key_timestamps_ = "timestamps", key_name_ = "name", key_ns_ = "ns";
  std::string lead_;               // "[" or nothing (the replay starts with the file)
  std::string history_;            // replayed bytes copied out of earlier blocks
  const char* pending_ = nullptr;  // replayed bytes still in the block, from here to the cursor
};

}  // namespace trace_summary::detail
