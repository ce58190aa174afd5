// Where a trace file may be cut into parts that are parsed at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace trace_summary {

/// The index in `bytes` of the first `{` that looks like the start of an
/// element of a trace file's top-level array: the end of one record, a
/// comma, and a record that begins with its id — `}`, `,`, `{`, `"id"`, `:`,
/// white space allowed between them. A guess from the bytes alone (the same
/// bytes could stand inside a string); the loader checks it by parsing up to
/// it. nullopt when there is none.
std::optional<std::size_t> find_element_start(std::string_view bytes);

}  // namespace trace_summary
