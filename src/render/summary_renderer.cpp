#include "render/summary_renderer.hpp"

#include <initializer_list>

#include "render/trace_listing.hpp"

namespace trace_summary {
namespace {

// Writes `LABEL: AVGus` where AVG is `sum / (count * 1000)` as Python prints it.
class AverageWriter {
 public:
  AverageWriter(const ModelStats& model, Output& out) : model_(model), out_(out) {}

  bool has(Span s) const { return model_.has[static_cast<std::size_t>(s)]; }
  wide_int sum(Span s) const { return model_.sum[static_cast<std::size_t>(s)]; }

  void line(const char* label, wide_int total) {
    out_ << label << " (avg): " << py_ratio_repr(total, model_.count * 1000) << "us\n";
  }
  void line(const char* label, Span s) { line(label, sum(s)); }
  // `total` minus the given spans (the "Overhead" lines).
  void overhead(const char* label, Span total, std::initializer_list<Span> parts) {
    wide_int rest = sum(total);
    for (Span p : parts) rest -= sum(p);
    line(label, rest);
  }

 private:
  const ModelStats& model_;
  Output& out_;
};

void render_http_block(AverageWriter& w, Output& out) {
  if (!w.has(Span::HttpInfer)) return;
  w.line("HTTP infer request", Span::HttpInfer);
  w.line("\tReceive", Span::HttpRecv);
  w.line("\tSend", Span::HttpSend);
  w.overhead("\tOverhead", Span::HttpInfer, {Span::Request, Span::HttpRecv, Span::HttpSend});
  out << '\n';
}

void render_grpc_block(AverageWriter& w, Compat compat, Output& out) {
  if (!w.has(Span::GrpcInfer)) return;
  w.line("GRPC infer request", Span::GrpcInfer);
  if (compat == Compat::Classic) w.line("\tWait/Read", Span::GrpcWaitread);
  w.line("\tSend", Span::GrpcSend);
  if (compat == Compat::Classic) {
    w.overhead("\tOverhead", Span::GrpcInfer, {Span::Request, Span::GrpcWaitread, Span::GrpcSend});
  }
  out << '\n';
}

}  // namespace

void render_model_summary(const TraceSet& set, const FileSummary& summary, Protocol protocol,
                          const ModelStats& model, Output& out) {
  out << "Summary for " << set.values[model.model_name].text << " (" << set.values[model.model_version].text
      << "): trace count = " << std::to_string(model.count) << '\n';
  AverageWriter w(model, out);
  if (protocol == Protocol::Http) {
    render_http_block(w, out);
  } else {
    // Lowercase files follow the 2020 script, which has no "current" variant.
    render_grpc_block(w, summary.naming == Naming::Lowercase ? Compat::Classic : summary.compat, out);
  }
  w.line("\tHandler", Span::Request);
  if (w.has(Span::Queue) && w.has(Span::Compute)) {
    w.overhead("\t\tOverhead", Span::Request, {Span::Queue, Span::Compute});
    w.line("\t\tQueue", Span::Queue);
    w.line("\t\tCompute", Span::Compute);
  }
  if (w.has(Span::ComputeInput) && w.has(Span::ComputeOutput)) {
    w.line("\t\t\tInput", Span::ComputeInput);
    w.line("\t\t\tInfer", Span::ComputeInfer);
    w.line("\t\t\tOutput", Span::ComputeOutput);
  }
}

void render_pass(const TraceSet& set, const FileSummary& summary, const PassSummary& pass, bool show_trace,
                 Output& out) {
  if (show_trace) {
    for (const CountedTrace& trace : pass.traces) render_trace_listing(set, summary, trace, out);
  }
  for (const ModelStats& model : pass.models) render_model_summary(set, summary, pass.protocol, model, out);
}

}  // namespace trace_summary
