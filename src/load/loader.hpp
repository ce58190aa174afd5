// The loader: streams one trace file through nlohmann's SAX parser into a
// TraceSet, checking each record's shape as it goes. No DOM is built.
#pragma once

#include <cstdint>
#include <vector>

#include "base/errors.hpp"
#include "io/input_source.hpp"
#include "load/trace_set.hpp"

namespace trace_summary {

/// Which parser reads a trace file's JSON.
enum class Parser : std::uint8_t {
  /// The fast path (load/fast_path.hpp) for what tritonserver writes, with
  /// nlohmann behind it for everything else: the same result, always.
  Fast,
  /// nlohmann's SAX parser alone: the reference, for tests, fuzzers and
  /// benchmarks that compare the two.
  Generic,
};

/// How to read a file.
struct LoadOptions {
  /// --skip-invalid: leave out elements that break a rule, logged here.
  SkipLog* skip = nullptr;
  /// Threads to read one file with. A large uncompressed regular file is
  /// split at boundaries between elements of its top-level array and its
  /// parts are parsed at once; the result is exactly that of one pass.
  /// Files read with `skip`, compressed files and standard input are read
  /// in one pass.
  unsigned jobs = 1;
  /// A file is split only into parts at least this large.
  std::uint64_t min_part_bytes = std::uint64_t{16} << 20;
  /// Where to look for the split points (byte offsets, increasing); empty:
  /// at even shares of the file. For tests.
  std::vector<std::uint64_t> split_near;
  /// Which parser reads it.
  Parser parser = Parser::Fast;
};

/// Reads every record of `input` into a TraceSet indexed by id.
///
/// Throws DataError (message: `line L, column C: what is wrong`, the place
/// being just past the offending value) when the input is not JSON, or is
/// JSON that is not a trace file: the top level is not an array, an element
/// is not an object, an id or parent_id is not an integer, `timestamps` is
/// not an array of {"name": string, "ns": integer} objects, an ns does not
/// fit in a signed 64-bit integer, a model name or version is not a scalar,
/// a tensor is not an object of strings.
///
/// With `skip`, an element that breaks one of those rules is left out and
/// logged there instead; JSON syntax errors still throw.
///
/// An input that ends inside the top-level array (a server still writing
/// it) is not an error: the complete records are kept and
/// TraceSet::truncated is set. An input with nothing but white space sets
/// TraceSet::empty_input.
TraceSet load_trace_set(InputSource& input, const LoadOptions& options);
inline TraceSet load_trace_set(InputSource& input, SkipLog* skip = nullptr) {
  LoadOptions options;
  options.skip = skip;
  return load_trace_set(input, options);
}

/// What reading one file found besides its records.
struct LoadNotes {
  bool truncated = false;    ///< it ended inside the top-level array
  bool empty_input = false;  ///< it held nothing but white space
  std::size_t complete_records = 0;  ///< elements of its top-level array read whole
  std::uint64_t complete_bytes = 0;  ///< its offset just past the last of them
  std::size_t parts = 1;  ///< how many parts of it were parsed at once (1: one pass)
  std::vector<std::string> warnings;  ///< anything else to tell about it (OpenTelemetry mode: what was left out)
  bool opentelemetry = false;         ///< written in OpenTelemetry mode (OTLP JSON), not as a trace file
};

/// Adds the records of `input` to `set`, which may hold other files' records
/// (`--merge`: all inputs as one trace set). Records of different files are
/// never merged, but share trace ids. Call `set.index_by_id()` after the last
/// file. Throws as load_trace_set().
LoadNotes append_trace_file(TraceSet& set, InputSource& input, const LoadOptions& options);
inline LoadNotes append_trace_file(TraceSet& set, InputSource& input, SkipLog* skip = nullptr) {
  LoadOptions options;
  options.skip = skip;
  return append_trace_file(set, input, options);
}

}  // namespace trace_summary
