#include "load/fast_path.hpp"

#include <algorithm>
#include <cstdlib>

namespace trace_summary::detail {

std::string shift_error_place(std::string text, const InputPosition& base, std::string_view prefix) {
  // nlohmann: "... parse error at line L, column C: what".
  const std::string line_marker = "parse error at line ", column_marker = ", column ";
  const std::size_t line_at = text.find(line_marker);
  if (line_at == std::string::npos) return text;
  const std::size_t line_begin = line_at + line_marker.size();
  const std::size_t column_at = text.find(column_marker, line_begin);
  if (column_at == std::string::npos) return text;
  const std::size_t column_begin = column_at + column_marker.size();
  const std::size_t column_end = text.find(':', column_begin);
  if (column_end == std::string::npos) return text;
  const std::uint64_t line = std::strtoull(text.c_str() + line_begin, nullptr, 10);
  const std::uint64_t column = std::strtoull(text.c_str() + column_begin, nullptr, 10);
  // The replayed bytes' lines come first; their last line goes on with the
  // rest of the line the input was at.
  const auto replayed_lines = static_cast<std::uint64_t>(std::count(prefix.begin(), prefix.end(), '\n'));
  const std::size_t last_newline = prefix.rfind('\n');
  const std::size_t last_line_size =
      last_newline == std::string_view::npos ? prefix.size() : prefix.size() - last_newline - 1;
  const bool same_line = line - 1 == replayed_lines;
  const std::uint64_t our_line = base.line + line - 1 - replayed_lines;
  // Column 0: nlohmann read a line break and put it back (after a number);
  // it then says column 0 wherever that line began.
  const std::uint64_t our_column = same_line && column > 0 ? base.column - 1 + column - last_line_size : column;
  return text.substr(0, line_begin) + std::to_string(our_line) + column_marker + std::to_string(our_column) +
         text.substr(column_end);
}

}  // namespace trace_summary::detail
