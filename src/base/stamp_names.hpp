// Timestamp names: the canonical ones the summary pairs into spans, their
// 2019–20 lowercase forms, and an interning table for every name a file uses.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trace_summary {

/// The timestamps that take part in spans.
enum class Stamp : std::uint8_t {
  HttpRecvStart,
  HttpRecvEnd,
  HttpSendStart,
  HttpSendEnd,
  GrpcWaitreadStart,
  GrpcWaitreadEnd,
  GrpcSendStart,
  GrpcSendEnd,
  RequestStart,
  RequestEnd,
  QueueStart,
  ComputeStart,
  ComputeEnd,
  ComputeInputEnd,
  ComputeOutputStart,
};
inline constexpr std::size_t kStampCount = 15;

/// Which spelling of the names a file uses (Triton 20.06 renamed them).
enum class Naming : std::uint8_t {
  Canonical,  ///< `HTTP_RECV_START` — Triton 20.06 and later
  Lowercase,  ///< `http recv start` — Triton 2019 to 20.05
};

/// The two frontends a summary pass is run for.
enum class Protocol : std::uint8_t { Http, Grpc };

/// `HTTP_RECV_START` or `http recv start`.
std::string_view stamp_name(Stamp stamp, Naming naming);

/// The name whose presence (as a substring) makes a root trace belong to a
/// protocol's pass: `HTTP_RECV_START` / `GRPC_WAITREAD_START` or lowercase.
std::string_view protocol_marker(Protocol protocol, Naming naming);

/// Small integer standing for an interned timestamp name.
using NameId = std::uint16_t;

/// What the engine needs to know of one timestamp name, computed once.
struct NameInfo {
  std::string text;
  std::array<std::optional<Stamp>, 2> stamp;  ///< indexed by Naming
  /// contains_marker[naming][protocol]: the name contains that pass's marker.
  std::array<std::array<bool, 2>, 2> contains_marker{};
  bool grpc_waitread_prefix = false;  ///< starts with `GRPC_WAITREAD`
  bool response_complete = false;     ///< `INFER_RESPONSE_COMPLETE`: a response of the request left the model
  bool lowercase_relevant = false;    ///< a lowercase stamp, or holds a lowercase marker
};

/// Interns timestamp names; a file rarely uses more than a few dozen.
class NameTable {
 public:
  /// The id of `name`, adding it on first sight. Returns nullopt when the
  /// table is full (more distinct names than NameId can count).
  std::optional<NameId> intern(std::string_view name);
  const NameInfo& info(NameId id) const { return *by_id_[id]; }
  std::size_t size() const { return by_id_.size(); }

 private:
  // A few names make up nearly every timestamp of a file: a small
  // direct-mapped cache answers most look-ups without hashing the name.
  struct CacheEntry {
    std::string_view name;
    NameId id = 0;
  };
  static constexpr std::size_t kCacheSize = 64;
  static std::size_t cache_slot(std::string_view name);

  std::deque<NameInfo> infos_;  // a deque: the views below stay valid as it grows
  std::vector<const NameInfo*> by_id_;
  std::unordered_map<std::string_view, NameId> ids_;
  std::array<CacheEntry, kCacheSize> cache_{};
};

}  // namespace trace_summary
