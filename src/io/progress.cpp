#include "io/progress.hpp"

#include <cinttypes>

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

}  // namespace

ProgressLine::ProgressLine(std::FILE* out, std::string name, std::uint64_t total)
    : out_(out), name_(std::move(name)), total_(total), start_(Clock::now()), last_draw_(start_) {}

ProgressLine::~ProgressLine() { finish(); }

std::string ProgressLine::text(const std::string& name, std::uint64_t bytes, std::uint64_t total, double seconds) {
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
  const std::string line = text(name_, bytes, total_, std::chrono::duration<double>(now - start_).count());
  // Pad over a longer previous line.
  const std::size_t pad = drawn_width_ > line.size() ? drawn_width_ - line.size() : 0;
  std::fprintf(out_, "\r%s%*s", line.c_str(), static_cast<int>(pad), "");
  std::fflush(out_);
  drawn_width_ = line.size();
}

void ProgressLine::finish() {
  if (drawn_width_ == 0) return;
  std::fprintf(out_, "\r%*s\r", static_cast<int>(drawn_width_), "");
  std::fflush(out_);
  drawn_width_ = 0;
}

}  // namespace trace_summary
