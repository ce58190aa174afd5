#include "load/tensor_reader.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

#include "base/errors.hpp"

namespace trace_summary {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string read_range(const std::string& path, std::uint64_t begin, std::uint64_t end) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  std::string bytes(end - begin, '\0');
  if (!file || std::fseek(file.get(), static_cast<long>(begin), SEEK_SET) != 0 ||
      std::fread(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) {
    throw DataError("cannot read the tensor data again from " + path);
  }
  return bytes;
}

}  // namespace

TensorFields tensor_fields(const TraceSet& set, const TensorRecord& tensor) {
  if (tensor.fields) return *tensor.fields;
  const std::string& path = set.sources[tensor.source];
  const std::string record = read_range(path, tensor.record_begin, tensor.record_end);
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
  throw DataError(path + " changed while it was read: the tensor record at byte " +
                  std::to_string(tensor.record_begin) + " is not there any more");
}

}  // namespace trace_summary
