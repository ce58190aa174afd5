// The `-v` dump: the whole parsed file as Python's
// `json.dumps(data, sort_keys=True, indent=2)` writes it.
#pragma once

#include <string_view>

#include "io/output.hpp"

namespace trace_summary {

/// Parses `json_text` and writes it re-indented by two spaces, keys sorted,
/// non-ASCII characters as `\uXXXX` escapes, integers exactly, floats as
/// `repr(float)`, followed by a newline. Throws DataError when `json_text` is
/// not JSON.
void write_python_json_dump(std::string_view json_text, Output& out);

}  // namespace trace_summary
