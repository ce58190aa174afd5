#include "io/progress.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdlib>

#include <sys/ioctl.h>
#include <unistd.h>

#include "base/errors.hpp"

namespace trace_summary {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(250);
// Reads shorter than this draw nothing.
constexpr auto kQuietFor = std::chrono::milliseconds(500);

std::string megabytes(std::uint64_t bytes) {
  char buf[32];
  if (bytes >= 10'000'000'000ull) {
    std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / 1e9);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " MB", bytes / 1'000'000);
  }
  return buf;
}

// The width of the terminal `out` draws on: COLUMNS, else what the terminal
// says, else 80.
std::size_t terminal_columns(std::FILE* out) {
  if (const char* env = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const unsigned long columns = std::strtoul(env, &end, 10);
    if (end != env && *end == '\0' && columns > 0 && columns < 100000) return columns;
  }
  struct winsize size {};
  if (::ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

bool continues_utf8(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !continues_utf8(c); }));
}

}  // namespace

ProgressLine::ProgressLine(std::FILE* out, std::string name, std::uint64_t total)
    : out_(out), name_(printable(name)), total_(total), start_(Clock::now()), last_draw_(start_),
      columns_(terminal_columns(out)) {}

std::string ProgressLine::fit(const std::string& line, std::size_t columns) {
  const std::size_t room = columns > 1 ? columns - 1 : 0;  // the last column would wrap on some terminals
  std::size_t chars = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (continues_utf8(line[i])) continue;
    if (chars++ == room) return line.substr(0, i);
  }
  return line;
}

ProgressLine::~ProgressLine() { finish(); }

std::string ProgressLine::text(const std::string& name, std::uint64_t bytes, std::uint64_t total, double seconds) {
  if (total > 0) bytes = std::min(bytes, total);
  std::string line = name + ": read " + megabytes(bytes);
  if (total > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, " of %s (%d%%)", megabytes(total).c_str(),
                  static_cast<int>(100.0 * static_cast<double>(bytes) / static_cast<double>(total)));
    line += pct;
  }
  if (seconds > 0) {
    char speed[32];
    std::snprintf(speed, sizeof speed, ", %.0f MB/s", static_cast<double>(bytes) / 1e6 / seconds);
    line += speed;
  }
  return line;
}

void ProgressLine::update(std::uint64_t bytes) {
  const Clock::time_point now = Clock::now();
  if (now - start_ < kQuietFor || now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  const std::string line = fit(text(name_, bytes, total_, std::chrono::duration<double>(now - start_).count()), columns_);
  // Pad over a longer previous line.
  const std::size_t width = characters(line);
  const std::size_t pad = drawn_width_ > width ? drawn_width_ - width : 0;
  std::fprintf(out_, "\r%s%*s", line.c_str(), static_cast<int>(pad), "");
  std::fflush(out_);
  drawn_width_ = width;
}

void ProgressLine::finish() {
  if (drawn_width_ == 0) return;
  std::fprintf(out_, "\r%*s\r", static_cast<int>(drawn_width_), "");
  std::fflush(out_);
  drawn_width_ = 0;
}

}  // namespace trace_summary
