// The loader's record reader as the parallel loader drives it: one reader per
// part of a file, each on its own thread, then every later part's records
// handed, in file order, to the first part's reader as if it had read them
// itself. Internal to the library (parallel_loader.cpp and loader.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/errors.hpp"
#include "io/input_source.hpp"
#include "load/loader.hpp"
#include "load/trace_set.hpp"

namespace trace_summary::detail {

/// How the parse of one part ended.
struct PartEnding {
  /// It ended exactly where the next part begins: after a comma between two
  /// elements of the top-level array. A part that does not end at the end of
  /// the file is only good when this holds.
  bool at_split = false;
  /// How the file ended, as append_trace_file() reports it (a part that
  /// ends at a split point looks like a file cut short).
  LoadNotes notes;
  /// When cut short: the ids whose records the cut may have left incomplete.
  std::vector<TraceId> ids_at_the_cut;
};

class RecordReader;

class PartReader {
 public:
  /// Reads `input` into `set` (which may hold other files' records), leaving
  /// room for `expected_bytes` of JSON without growing.
  PartReader(TraceSet& set, InputSource& input, SkipLog* skip, std::uint64_t expected_bytes, Parser parser);
  ~PartReader();
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;

  /// Parses the input to its end. Throws DataError as append_trace_file().
  PartEnding read();

  /// Takes in the records of `part`, read by another reader from the part of
  /// the same file that follows this reader's, as if this reader had read
  /// them; `part` is left empty. `ending` is how that part's parse ended; the
  /// notes returned are the file's.
  LoadNotes append_part(TraceSet& part, const PartEnding& ending);

 private:
  InputSource& input_;
  Parser parser_;
  std::unique_ptr<RecordReader> reader_;
};

/// Reserves room in `set` for the records of `bytes` more bytes of JSON.
void reserve_for(TraceSet& set, std::uint64_t bytes);

/// Reads all of `input` into `set` on this thread (loader.cpp).
LoadNotes read_in_one_pass(TraceSet& set, InputSource& input, SkipLog* skip, Parser parser);

/// Reads `input` in parts on `options.jobs` threads when it is worth it and
/// possible (split_loader.cpp): a large uncompressed regular file, not yet
/// read, without --skip-invalid. Returns nullopt, having read nothing, when
/// it is not; the result is always what read_in_one_pass() gives.
std::optional<LoadNotes> read_in_parts(TraceSet& set, InputSource& input, const LoadOptions& options);

}  // namespace trace_summary::detail
