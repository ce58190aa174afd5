// libFuzzer target, differential: any bytes are loaded by nlohmann alone and
// by the fast path, which must give exactly the same trace set, notes,
// skipped elements and errors. The fast path reads them from memory in
// blocks of a size the input picks (so elements straddle block ends), and
// from a file in parts cut near offsets the input picks (the -j loader). A
// difference aborts: a finding. Other exceptions than DataError too.
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

std::string load(InputSource& input, LoadOptions options, bool skip_invalid) {
  SkipLog log;
  if (skip_invalid) options.skip = &log;
  try {
    TraceSet set;
    const LoadNotes notes = append_trace_file(set, input, options);
    set.index_by_id();
    return testing::dump(set, notes) + "skipped " + log.summary() + "\n";
  } catch (const DataError& e) {
    return std::string("error: ") + e.what();
  }
}

std::string load_memory(const std::string& bytes, Parser parser, std::size_t block, bool skip_invalid) {
  LoadOptions options;
  options.parser = parser;
  auto input = block == 0 ? InputSource::from_memory(bytes) : InputSource::from_memory_in_blocks(bytes, block);
  return load(*input, options, skip_invalid);
}

std::string load_file(LoadOptions options) {
  auto input = InputSource::open(scratch_file());
  return load(*input, options, false);
}

void expect_equal(const std::string& generic, const std::string& fast, const char* how) {
  if (generic == fast) return;
  std::fprintf(stderr, "nlohmann alone:\n%s\nfast path (%s):\n%s\n", generic.c_str(), how, fast.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes pick the block size and where to look for cuts;
  // the rest is the file.
  const std::string bytes(reinterpret_cast<const char*>(data) + 2, size - 2);
  // Tiny blocks (every element cut) or blocks of up to 8 kB (some cut).
  const std::size_t block = data[0] < 32 ? std::size_t{1} + data[0] : std::size_t{32} * data[0];
  const bool skip_invalid = (data[1] & 1) != 0;
  const std::string generic = load_memory(bytes, Parser::Generic, 0, skip_invalid);
  expect_equal(generic, load_memory(bytes, Parser::Fast, 0, skip_invalid), "one block");
  expect_equal(generic, load_memory(bytes, Parser::Fast, block, skip_invalid), "small blocks");

  std::FILE* file = std::fopen(scratch_file().c_str(), "wb");
  if (file == nullptr) std::abort();
  if (!bytes.empty()) std::fwrite(bytes.data(), 1, bytes.size(), file);
  std::fclose(file);
  LoadOptions one_pass;
  one_pass.parser = Parser::Generic;
  LoadOptions parts;
  parts.min_part_bytes = 0;
  parts.split_near = {bytes.size() * data[0] / 256};
  if (data[1] > data[0]) parts.split_near.push_back(bytes.size() * data[1] / 256);
  parts.jobs = static_cast<unsigned>(parts.split_near.size() + 1);
  expect_equal(load_file(one_pass), load_file(parts), "in parts");
  return 0;
}
