// The --save file: lines appended whole, never truncating, errors reported.
#include "listen/save_file.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

namespace trace_summary {
namespace {

std::string temp_path(const char* name) {
  return ::testing::TempDir() + name + std::to_string(::getpid()) + ".jsonl";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(SaveFile, AppendsEachBodyAsOneLine) {
  const std::string path = temp_path("save_append");
  write_file(path, "{\"old\":1}\n");
  {
    SaveFile save(path);
    save.append("{\"a\":\n 1}");
    save.append("{\"b\":\r\n2}");
    // Acknowledged means written: the line is there before the next append.
    EXPECT_EQ(read_file(path), "{\"old\":1}\n{\"a\":  1}\n{\"b\":  2}\n");
  }
  EXPECT_EQ(read_file(path), "{\"old\":1}\n{\"a\":  1}\n{\"b\":  2}\n");
  std::remove(path.c_str());
}

TEST(SaveFile, StartsANewLineAfterAFileCutInsideOne) {
  const std::string path = temp_path("save_cut");
  write_file(path, "{\"old\":1}\n{\"cut");
  {
    SaveFile save(path);
    save.append("{}");
    save.append("[]");
  }
  EXPECT_EQ(read_file(path), "{\"old\":1}\n{\"cut\n{}\n[]\n");
  std::remove(path.c_str());
}

TEST(SaveFile, LargeBodiesArriveWhole) {
  const std::string path = temp_path("save_large");
  std::remove(path.c_str());
  const std::string big = "{\"x\":\"" + std::string(3 << 20, 'y') + "\"}";
  {
    SaveFile save(path);
    save.append(big);
    save.append(big);
  }
  EXPECT_EQ(read_file(path), big + "\n" + big + "\n");
  std::remove(path.c_str());
}

TEST(SaveFile, AFailedWriteIsAnError) {
  if (::access("/dev/full", W_OK) != 0) GTEST_SKIP() << "no /dev/full";
  SaveFile save("/dev/full");
  try {
    save.append("{}");
    FAIL() << "a write to /dev/full succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot write /dev/full: No space left on device");
  }
}

TEST(SaveFile, AnUnopenableFileIsAnError) {
  try {
    SaveFile save("/nonexistent-directory/saved.jsonl");
    FAIL() << "opened a file in a directory that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot open /nonexistent-directory/saved.jsonl: No such file or directory");
  }
}

}  // namespace
}  // namespace trace_summary
