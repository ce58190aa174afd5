// Compiled as a renderer (linking only what src/render links): the report
// model is within reach.
#include "report/report_model.hpp"

int render_includes_report() { return static_cast<int>(trace_summary::kSpanCount); }
