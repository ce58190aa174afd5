#include "base/stamp_names.hpp"

#include <limits>

namespace trace_summary {
namespace {

struct Spelling {
  std::string_view canonical;
  std::string_view lowercase;
};

// Indexed by Stamp.
constexpr std::array<Spelling, kStampCount> kSpellings{{
    {"HTTP_RECV_START", "http recv start"},
    {"HTTP_RECV_END", "http recv end"},
    {"HTTP_SEND_START", "http send start"},
    {"HTTP_SEND_END", "http send end"},
    {"GRPC_WAITREAD_START", "grpc wait/read start"},
    {"GRPC_WAITREAD_END", "grpc wait/read end"},
    {"GRPC_SEND_START", "grpc send start"},
    {"GRPC_SEND_END", "grpc send end"},
    {"REQUEST_START", "request handler start"},
    {"REQUEST_END", "request handler end"},
    {"QUEUE_START", "queue start"},
    {"COMPUTE_START", "compute start"},
    {"COMPUTE_END", "compute end"},
    {"COMPUTE_INPUT_END", "compute input end"},
    {"COMPUTE_OUTPUT_START", "compute output start"},
}};

std::optional<Stamp> find_stamp(std::string_view name, Naming naming) {
  for (std::size_t i = 0; i < kStampCount; ++i) {
    if (stamp_name(static_cast<Stamp>(i), naming) == name) return static_cast<Stamp>(i);
  }
  return std::nullopt;
}

NameInfo describe(std::string_view name) {
  NameInfo info;
  info.text = std::string(name);
  for (Naming naming : {Naming::Canonical, Naming::Lowercase}) {
    const auto n = static_cast<std::size_t>(naming);
    info.stamp[n] = find_stamp(name, naming);
    for (Protocol protocol : {Protocol::Http, Protocol::Grpc}) {
      info.contains_marker[n][static_cast<std::size_t>(protocol)] =
          name.find(protocol_marker(protocol, naming)) != std::string_view::npos;
    }
  }
  info.grpc_waitread_prefix = name.substr(0, 13) == "GRPC_WAITREAD";
  info.response_complete = name == "INFER_RESPONSE_COMPLETE";
  const auto lower = static_cast<std::size_t>(Naming::Lowercase);
  info.lowercase_relevant = info.stamp[lower] || info.contains_marker[lower][0] || info.contains_marker[lower][1];
  return info;
}

}  // namespace

std::string_view stamp_name(Stamp stamp, Naming naming) {
  const Spelling& s = kSpellings[static_cast<std::size_t>(stamp)];
  return naming == Naming::Canonical ? s.canonical : s.lowercase;
}

std::string_view protocol_marker(Protocol protocol, Naming naming) {
  return stamp_name(protocol == Protocol::Http ? Stamp::HttpRecvStart : Stamp::GrpcWaitreadStart, naming);
}

std::size_t NameTable::cache_slot(std::string_view name) {
  if (name.empty()) return 0;
  const auto first = static_cast<unsigned char>(name.front());
  const auto last = static_cast<unsigned char>(name.back());
  const auto middle = static_cast<unsigned char>(name[name.size() / 2]);
  return (name.size() * 31 + first * 7 + middle * 3 + last) % kCacheSize;
}

std::optional<NameId> NameTable::intern(std::string_view name) {
  CacheEntry& slot = cache_[cache_slot(name)];
  if (!slot.name.empty() && slot.name == name) return slot.id;
  NameId id = 0;
  if (auto it = ids_.find(name); it != ids_.end()) {
    id = it->second;
  } else {
    if (infos_.size() > std::numeric_limits<NameId>::max()) return std::nullopt;
    id = static_cast<NameId>(infos_.size());
    infos_.push_back(describe(name));
    by_id_.push_back(&infos_.back());
    ids_.emplace(infos_.back().text, id);
  }
  slot = {info(id).text, id};
  return id;
}

}  // namespace trace_summary
