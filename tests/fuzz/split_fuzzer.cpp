// libFuzzer target, differential: any bytes, written to a file, are loaded
// in one pass and in parts (cuts near offsets the input picks); the two
// loads must hold exactly the same thing, or fail with the same message.
// A difference aborts: a finding. Other exceptions than DataError too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "../trace_set_dump.hpp"
#include "base/errors.hpp"
#include "load/loader.hpp"
#include "scratch_file.hpp"

namespace {

using namespace trace_summary;

using testing::scratch_file;

std::string load(const LoadOptions& options) {
  try {
    auto input = InputSource::open(scratch_file());
    TraceSet set;
    const LoadNotes notes = append_trace_file(set, *input, options);
    set.index_by_id();
    return testing::dump(set, notes);
  } catch (const DataError& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes pick where to look for cuts; the rest is the file.
  const std::size_t length = size - 2;
  std::FILE* file = std::fopen(scratch_file().c_str(), "wb");
  if (file == nullptr) std::abort();
  if (length > 0) std::fwrite(data + 2, 1, length, file);
  std::fclose(file);

  LoadOptions parts;
  parts.min_part_bytes = 0;
  parts.split_near = {length * data[0] / 256};
  if (data[1] > data[0]) parts.split_near.push_back(length * data[1] / 256);
  parts.jobs = static_cast<unsigned>(parts.split_near.size() + 1);
  const std::string one_pass = load(LoadOptions{});
  const std::string in_parts = load(parts);
  if (one_pass != in_parts) {
    std::fprintf(stderr, "one pass:\n%s\nin parts:\n%s\n", one_pass.c_str(), in_parts.c_str());
    std::abort();
  }
  return 0;
}
