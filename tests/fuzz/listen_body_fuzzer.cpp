// libFuzzer target for the receiver's body handler (trace_summary listen):
// any bytes as the body of one POST /v1/traces. The first byte picks the
// limits (bit 0: a 4 KiB body limit, bit 1: a nesting limit of 8) and
// whether the body is saved (bit 2); bit 3 places the rest in an export
// request's span list, so that mutations reach the span fields. A finding:
// a status other than 200, 400 or 413; an answer that is not a JSON object;
// a body accepted without a 200 (or a 200 without it); a saved line that
// is not the body on one line, or whose report, read back as a file (with
// --skip-invalid when the answer says parts were left out), differs from
// the receiver's own report.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "listen/body_handler.hpp"

namespace {

using trace_summary::testing::error_of;

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "listen_body_fuzzer: %s\n", what);
  std::abort();
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The table of `report`, or the DataError that stopped it.
std::string table_of(const trace_summary::FileReport& report) {
  trace_summary::Output out;
  const std::string error = error_of([&] {
    auto sink = trace_summary::make_format_sink({"table", false, false, {50, 90, 99}},
                                                trace_summary::Compat::Classic, out);
    sink->begin();
    sink->file(report);
    sink->end();
  });
  return error + "\n" + out.text();
}

// The receiver's report of what it accepted against the saved line read back;
// a body with parts left out (partialSuccess) is read back as --skip-invalid
// reads it, since that is what the receiver did with it.
void check_saved(const trace_summary::LiveCollector& collector, const std::string& saved, bool partial) {
  std::string received;
  const std::string live_error =
      error_of([&] { received = table_of(*collector.report("fuzz", {})); });
  // --skip-invalid would also leave out the traces the receiver's report
  // stops on: nothing to compare then.
  if (partial && live_error != "no error") return;
  std::string reread;
  const std::string file_error = error_of([&] {
    auto input = trace_summary::InputSource::from_memory(saved);
    reread = table_of(*trace_summary::build_report({{"fuzz", input.get()}}, "fuzz", {false, partial, 1}, {}));
  });
  if (live_error != file_error) {
    std::fprintf(stderr, "receiver: %s\nsaved file: %s\n", live_error.c_str(), file_error.c_str());
    require(false, "the receiver and the saved file disagree on an error");
  }
  require(received == reread, "the saved file's report differs from the receiver's");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string save_path = "/tmp/listen_body_fuzzer." + std::to_string(::getpid()) + ".jsonl";
  trace_summary::BodyLimits limits;
  if ((data[0] & 1) != 0) limits.max_bytes = 4096;
  if ((data[0] & 2) != 0) limits.max_depth = 8;
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 8) != 0) body = R"({"resourceSpans":[{"scopeSpans":[{"spans":[)" + body + "]}]}]}";

  std::remove(save_path.c_str());
  trace_summary::LiveCollector collector;
  std::unique_ptr<trace_summary::SaveFile> save;
  if ((data[0] & 4) != 0) save = std::make_unique<trace_summary::SaveFile>(save_path);
  const trace_summary::Answer answer = trace_summary::handle_body(body, limits, collector, save.get());

  require(answer.status == 200 || answer.status == 400 || answer.status == 413, "an unexpected status");
  const auto parsed = nlohmann::json::parse(answer.body, nullptr, false);
  require(parsed.is_object(), "the answer is not a JSON object");
  require((answer.status == 200) == (collector.counts().bodies == 1), "acceptance and status disagree");
  if (answer.status != 200) {
    require(!save || read_all(save_path).empty(), "a refused body was saved");
    return 0;
  }
  if (!save) {
    error_of([&] { table_of(*collector.report("fuzz", {})); });  // bad data may only end in DataError
  } else {
    std::string line = body;
    trace_summary::join_lines(line);
    require(read_all(save_path) == line + "\n", "the saved line is not the body");
    check_saved(collector, line + "\n", parsed.contains("partialSuccess"));
  }
  return 0;
}
