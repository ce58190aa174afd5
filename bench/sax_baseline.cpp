// The parser's own limit: nlohmann's SAX parser over a file with callbacks
// that do nothing, reading input exactly as trace_summary does (same block
// reader). trace_summary cannot be faster than this.
//   sax_baseline FILE
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "io/input_source.hpp"

namespace {

using json = nlohmann::json;

// Accepts every event and keeps nothing.
struct NullSax {
  std::size_t events = 0;
  bool null() { return ++events != 0; }
  bool boolean(bool) { return ++events != 0; }
  bool number_integer(json::number_integer_t) { return ++events != 0; }
  bool number_unsigned(json::number_unsigned_t) { return ++events != 0; }
  bool number_float(json::number_float_t, const std::string&) { return ++events != 0; }
  bool string(std::string&) { return ++events != 0; }
  bool binary(json::binary_t&) { return ++events != 0; }
  bool start_object(std::size_t) { return ++events != 0; }
  bool key(std::string&) { return ++events != 0; }
  bool end_object() { return ++events != 0; }
  bool start_array(std::size_t) { return ++events != 0; }
  bool end_array() { return ++events != 0; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    std::fprintf(stderr, "%s\n", ex.what());
    return false;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: sax_baseline FILE (one JSON value or JSON Lines)\n");
    return 2;
  }
  auto input = trace_summary::InputSource::open(argv[1]);
  NullSax sax;
  // One JSON value, or several after one another (JSON Lines: an
  // OpenTelemetry Collector file), each parsed to its end.
  bool ok = true;
  auto more = [&input] {
    for (auto it = input->begin(); it != input->end(); ++it) {
      if (*it != ' ' && *it != '\n' && *it != '\r' && *it != '\t') return true;
    }
    return false;
  };
  while (ok && more()) ok = json::sax_parse(input->begin(), input->end(), &sax, json::input_format_t::json, false);
  std::printf("%zu events\n", sax.events);
  return ok ? 0 : 1;
}
