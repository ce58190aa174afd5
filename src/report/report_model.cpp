#include "report/report_model.hpp"

namespace trace_summary {

const char* protocol_name(Protocol protocol) { return protocol == Protocol::Http ? "HTTP" : "GRPC"; }

}  // namespace trace_summary
