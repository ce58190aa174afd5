#include "report/span_catalogue.hpp"

#include <algorithm>

namespace trace_summary {
namespace {

using Scope = SpanDef::Scope;
using Rules = SpanDef::Rules;

constexpr SpanDef measured(std::string_view key, std::string_view label, int depth, Scope scope, Rules rules, Span span,
                           Stamp start, Stamp end, Span gate, std::array<Span, 2> shown_if,
                           std::uint8_t shown_if_count) {
  return {key, label, depth, scope, rules, span, true, start, end, gate, {}, 0, shown_if, shown_if_count};
}

constexpr SpanDef formula(std::string_view key, int depth, Scope scope, Rules rules, Span total,
                          std::array<Span, 3> minus, std::array<Span, 2> shown_if, std::uint8_t shown_if_count) {
  return {key,     "Overhead", depth, scope, rules, total,    false,
          Stamp{}, Stamp{},    total, minus, 3,     shown_if, shown_if_count};
}

// A statistic of streamed requests: shown for a model that had one; the
// engine computes it from the responses (StreamTimes), per protocol:
//   arrival         HTTP_RECV_START | GRPC_WAITREAD_END
//   responses       HTTP: the first N INFER_RESPONSE_COMPLETE, N = the chunks
//                   sent (HTTP_SEND_END stamps, written as 0; a last callback
//                   that carries only the final flag is no response)
//                   GRPC: each GRPC_SEND_END (one per response written)
//   first response  the first of them; GRPC: or INFER_RESPONSE_COMPLETE when
//                   that is earlier
constexpr SpanDef streamed(std::string_view key, std::string_view label, int depth, StreamStat stat) {
  return {key,     label,   depth,         Scope::Any, Rules::Both, Span::Request, false, Stamp{},
          Stamp{}, Span::Request, {}, 0, {}, 0, stat};
}

// clang-format off
constexpr std::array<SpanDef, 20> kCatalogue = {{
  measured("http_infer", "HTTP infer request", 0, Scope::Http, Rules::Both, Span::HttpInfer,
           Stamp::HttpRecvStart, Stamp::HttpSendEnd, Span::HttpInfer, {Span::HttpInfer}, 1),
  measured("http_receive", "Receive", 1, Scope::Http, Rules::Both, Span::HttpRecv,
           Stamp::HttpRecvStart, Stamp::HttpRecvEnd, Span::HttpInfer, {Span::HttpInfer}, 1),
  measured("http_send", "Send", 1, Scope::Http, Rules::Both, Span::HttpSend,
           Stamp::HttpSendStart, Stamp::HttpSendEnd, Span::HttpInfer, {Span::HttpInfer}, 1),
  formula("http_overhead", 1, Scope::Http, Rules::Both, Span::HttpInfer,
          {Span::Request, Span::HttpRecv, Span::HttpSend}, {Span::HttpInfer}, 1),
  measured("grpc_infer", "GRPC infer request", 0, Scope::Grpc, Rules::ClassicOnly, Span::GrpcInfer,
           Stamp::GrpcWaitreadStart, Stamp::GrpcSendEnd, Span::GrpcInfer, {Span::GrpcInfer}, 1),
  measured("grpc_infer", "GRPC infer request", 0, Scope::Grpc, Rules::CurrentOnly, Span::GrpcInfer,
           Stamp::GrpcWaitreadEnd, Stamp::GrpcSendEnd, Span::GrpcInfer, {Span::GrpcInfer}, 1),
  measured("grpc_wait_read", "Wait/Read", 1, Scope::Grpc, Rules::ClassicOnly, Span::GrpcWaitread,
           Stamp::GrpcWaitreadStart, Stamp::GrpcWaitreadEnd, Span::GrpcInfer, {Span::GrpcInfer}, 1),
  measured("grpc_send", "Send", 1, Scope::Grpc, Rules::Both, Span::GrpcSend,
           Stamp::GrpcSendStart, Stamp::GrpcSendEnd, Span::GrpcInfer, {Span::GrpcInfer}, 1),
  formula("grpc_overhead", 1, Scope::Grpc, Rules::ClassicOnly, Span::GrpcInfer,
          {Span::Request, Span::GrpcWaitread, Span::GrpcSend}, {Span::GrpcInfer}, 1),
  measured("handler", "Handler", 1, Scope::Any, Rules::Both, Span::Request,
           Stamp::RequestStart, Stamp::RequestEnd, Span::Request, {}, 0),
  {"handler_overhead", "Overhead", 2, Scope::Any, Rules::Both, Span::Request, false, Stamp{}, Stamp{},
   Span::Request, {Span::Queue, Span::Compute}, 2, {Span::Queue, Span::Compute}, 2},
  measured("queue", "Queue", 2, Scope::Any, Rules::Both, Span::Queue,
           Stamp::QueueStart, Stamp::ComputeStart, Span::Queue, {Span::Queue, Span::Compute}, 2),
  measured("compute", "Compute", 2, Scope::Any, Rules::Both, Span::Compute,
           Stamp::ComputeStart, Stamp::ComputeEnd, Span::Compute, {Span::Queue, Span::Compute}, 2),
  measured("compute_input", "Input", 3, Scope::Any, Rules::Both, Span::ComputeInput,
           Stamp::ComputeStart, Stamp::ComputeInputEnd, Span::ComputeInfer,
           {Span::ComputeInput, Span::ComputeOutput}, 2),
  measured("compute_infer", "Infer", 3, Scope::Any, Rules::Both, Span::ComputeInfer,
           Stamp::ComputeInputEnd, Stamp::ComputeOutputStart, Span::ComputeInfer,
           {Span::ComputeInput, Span::ComputeOutput}, 2),
  measured("compute_output", "Output", 3, Scope::Any, Rules::Both, Span::ComputeOutput,
           Stamp::ComputeOutputStart, Stamp::ComputeEnd, Span::ComputeInfer,
           {Span::ComputeInput, Span::ComputeOutput}, 2),
  streamed("responses", "Responses", 0, StreamStat::Responses),
  streamed("first_response", "To first response", 1, StreamStat::FirstResponse),
  streamed("response_gap", "Between responses", 1, StreamStat::ResponseGap),
  streamed("last_response", "To last response", 1, StreamStat::LastResponse),
}};
// clang-format on

bool in_pass(const SpanDef& row, Protocol protocol, Compat compat) {
  if (row.scope == Scope::Http && protocol != Protocol::Http) return false;
  if (row.scope == Scope::Grpc && protocol != Protocol::Grpc) return false;
  if (row.rules == Rules::ClassicOnly) return compat == Compat::Classic;
  if (row.rules == Rules::CurrentOnly) return compat == Compat::Current;
  return true;
}

}  // namespace

std::vector<const SpanDef*> catalogue_rows(Protocol protocol, Compat compat) {
  std::vector<const SpanDef*> rows;
  for (const SpanDef& row : kCatalogue) {
    if (in_pass(row, protocol, compat)) rows.push_back(&row);
  }
  return rows;
}

std::vector<std::string_view> catalogue_keys() {
  std::vector<std::string_view> keys;
  for (const SpanDef& row : kCatalogue) {
    if (std::find(keys.begin(), keys.end(), row.key) == keys.end()) keys.push_back(row.key);
  }
  return keys;
}

const SpanDef* row_by_key(std::string_view key, Protocol protocol, Compat compat) {
  for (const SpanDef& row : kCatalogue) {
    if (row.key == key && in_pass(row, protocol, compat)) return &row;
  }
  return nullptr;
}

const SpanDef* measured_row(Span span, Protocol protocol, Compat compat) {
  for (const SpanDef& row : kCatalogue) {
    if (row.measured && row.span == span && in_pass(row, protocol, compat)) return &row;
  }
  return nullptr;
}

bool closes_protocol_block(const std::vector<const SpanDef*>& shown, std::size_t index) {
  if (shown[index]->scope == Scope::Any) return false;
  return index + 1 == shown.size() || shown[index + 1]->scope == Scope::Any;
}

}  // namespace trace_summary
