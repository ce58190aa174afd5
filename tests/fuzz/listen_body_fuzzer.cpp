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
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
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

// The --save file of the whole run: one writer process, made before
// libFuzzer starts its threads (SaveFile forks). The file is unlinked at
// once (libFuzzer ends with _Exit: nothing would remove it) and read through
// a descriptor; each input reads what its body appended.
class RunSaveFile {
 public:
  RunSaveFile() {
    const std::string path = "/tmp/listen_body_fuzzer." + std::to_string(::getpid()) + ".jsonl";
    std::remove(path.c_str());
    save_ = std::make_unique<trace_summary::SaveFile>(path);
    read_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    require(read_ >= 0, "cannot open the saved file");
    std::remove(path.c_str());
  }
  trace_summary::SaveFile* save() { return save_.get(); }
  std::size_t size() const {
    struct stat st {};
    require(::fstat(read_, &st) == 0, "cannot stat the saved file");
    return static_cast<std::size_t>(st.st_size);
  }
  std::string since(std::size_t offset) const {
    std::string text(size() - offset, '\0');
    require(::pread(read_, text.data(), text.size(), static_cast<off_t>(offset)) ==
                static_cast<ssize_t>(text.size()),
            "cannot read the saved file");
    return text;
  }

 private:
  std::unique_ptr<trace_summary::SaveFile> save_;
  int read_ = -1;
};

RunSaveFile& run_save_file() {
  static RunSaveFile file;
  return file;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  run_save_file();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  trace_summary::BodyLimits limits;
  if ((data[0] & 1) != 0) limits.max_bytes = 4096;
  if ((data[0] & 2) != 0) limits.max_depth = 8;
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if ((data[0] & 8) != 0) body = R"({"resourceSpans":[{"scopeSpans":[{"spans":[)" + body + "]}]}]}";

  RunSaveFile& file = run_save_file();
  const std::size_t before = file.size();
  trace_summary::LiveCollector collector;
  trace_summary::SaveFile* save = (data[0] & 4) != 0 ? file.save() : nullptr;
  const trace_summary::Answer answer = trace_summary::handle_body(body, limits, collector, save);

  require(answer.status == 200 || answer.status == 400 || answer.status == 413, "an unexpected status");
  const auto parsed = nlohmann::json::parse(answer.body, nullptr, false);
  require(parsed.is_object(), "the answer is not a JSON object");
  require((answer.status == 200) == (collector.counts().bodies == 1), "acceptance and status disagree");
  if (answer.status != 200) {
    require(file.size() == before, "a refused body was saved");
    return 0;
  }
  if (!save) {
    require(file.size() == before, "a body was saved without --save");
    error_of([&] { table_of(*collector.report("fuzz", {})); });  // bad data may only end in DataError
  } else {
    std::string line = body;
    trace_summary::join_lines(line);
    require(file.since(before) == line + "\n", "the saved line is not the body");
    check_saved(collector, line + "\n", parsed.contains("partialSuccess"));
  }
  return 0;
}
