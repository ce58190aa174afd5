#include "load/tensor_reader.hpp"

#include <nlohmann/json.hpp>

#include <system_error>

#include "base/errors.hpp"

namespace trace_summary {
namespace {

// The bytes of the record, through the descriptor the file was loaded from:
// a file renamed or replaced since is not read.
std::string read_range(const OpenFile& file, std::uint64_t begin, std::uint64_t end) {
  std::string bytes;
  try {
    bytes = file.read_at(begin, end - begin);
  } catch (const std::system_error& e) {
    throw DataError("cannot read the tensor data again from " + printable(file.path()) + ": " + e.code().message());
  }
  if (bytes.size() != end - begin) throw DataError(printable(file.path()) + " was cut short while it was read");
  return bytes;
}

}  // namespace

TensorFields tensor_fields(const TraceSet& set, const TensorRecord& tensor) {
  if (tensor.fields) return *tensor.fields;
  const OpenFile& file = *set.sources[tensor.source];
  const std::string record = read_range(file, tensor.record_begin, tensor.record_end);
  // One record's DOM: the file was checked when it was loaded.
  const auto parsed = nlohmann::json::parse(record, nullptr, false);
  if (parsed.is_object()) {
    const auto t = parsed.find("tensor");
    if (t != parsed.end() && t->is_object()) {
      TensorFields fields;
      auto get = [&t](const char* key, std::string& into) {
        const auto v = t->find(key);
        if (v != t->end() && v->is_string()) into = v->get<std::string>();
      };
      get("name", fields.name);
      get("data", fields.data);
      get("shape", fields.shape);
      get("dtype", fields.dtype);
      return fields;
    }
  }
  throw DataError(printable(file.path()) + " changed while it was read: the tensor record at byte " +
                  std::to_string(tensor.record_begin) + " is not there any more");
}

}  // namespace trace_summary
