#include "render/trace_listing.hpp"

namespace trace_summary {

void render_trace_listing(const TraceView& trace, Output& out) {
  out << trace.model_name << " (" << trace.model_version << "):\n";
  out << "\tid: " << wide_int_to_string(trace.id) << '\n';
  if (trace.parent_id) out << "\tparent id: " << wide_int_to_string(*trace.parent_id) << '\n';
  const TraceStamp* previous = nullptr;
  for (const TraceStamp& stamp : trace.stamps) {
    if (!stamp.listed) continue;
    if (previous != nullptr) {
      // In time order, so the difference is never negative; it fits in 64 bits.
      const std::uint64_t delta = static_cast<std::uint64_t>(stamp.ns) - static_cast<std::uint64_t>(previous->ns);
      out << "\t\t" << py_micros_repr(delta) << "us\n";
    }
    out << '\t' << stamp.name << '\n';
    previous = &stamp;
  }
}

}  // namespace trace_summary
