// What a general parser at its fastest gives on this machine: a simdjson
// On-Demand walk over a trace file that reads every id, timestamp name and
// ns (and skips the rest), on one thread. The file is read into memory first,
// as simdjson needs. Benchmark only; trace_summary does not link simdjson.
//   simdjson_walk FILE
#include <simdjson.h>

#include <cstdint>
#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: simdjson_walk FILE (a JSON array of trace records)\n");
    return 2;
  }
  using namespace simdjson;
  padded_string bytes;
  if (padded_string::load(argv[1]).get(bytes)) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  ondemand::parser parser;
  std::uint64_t records = 0, stamps = 0, id_sum = 0, ns_sum = 0, name_bytes = 0;
  try {
    ondemand::document doc = parser.iterate(bytes);
    for (ondemand::object record : doc.get_array()) {
      ++records;
      for (ondemand::field field : record) {
        const std::string_view key = field.unescaped_key();
        if (key == "id") {
          id_sum += field.value().get_uint64();
        } else if (key == "timestamps") {
          for (ondemand::object stamp : field.value().get_array()) {
            ++stamps;
            for (ondemand::field f : stamp) {
              const std::string_view k = f.unescaped_key();
              if (k == "name")
                name_bytes += std::string_view(f.value().get_string()).size();
              else if (k == "ns")
                ns_sum += f.value().get_uint64();
            }
          }
        }
      }
    }
  } catch (const simdjson_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  std::printf("%llu records, %llu timestamps (checksum %llu)\n", static_cast<unsigned long long>(records),
              static_cast<unsigned long long>(stamps), static_cast<unsigned long long>(id_sum + ns_sum + name_bytes));
  return 0;
}
