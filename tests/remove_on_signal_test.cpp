// RemoveOnSignal in a child process (a signal ends it): the armed file is
// removed before the process ends as the signal says; a disarmed file and
// a signal the process ignored are left alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/remove_on_signal.hpp"

namespace trace_summary {
namespace {

std::string make_file() {
  char name[] = "/tmp/remove_on_signal_test-XXXXXX";
  const int fd = ::mkstemp(name);
  if (fd >= 0) ::close(fd);
  return name;
}

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// Runs `child` in a fork; returns its wait status.
template <typename Fn>
int in_child(Fn child) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    child();
    std::_Exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

TEST(RemoveOnSignal, ASignalRemovesTheFileAndEndsTheProcess) {
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    const std::string path = make_file();
    const int status = in_child([&] {
      ::signal(signal, SIG_DFL);
      RemoveOnSignal guard(path);
      ::raise(signal);
    });
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal) << signal << ": status " << status;
    EXPECT_FALSE(exists(path)) << signal;
    std::remove(path.c_str());
  }
}

TEST(RemoveOnSignal, ADisarmedFileIsLeftAlone) {
  const std::string path = make_file();
  const int status = in_child([&] {
    ::signal(SIGTERM, SIG_DFL);
    RemoveOnSignal guard(path);
    guard.disarm();
    ::raise(SIGTERM);
  });
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_TRUE(exists(path));
  std::remove(path.c_str());
}

TEST(RemoveOnSignal, AnIgnoredSignalStaysIgnored) {
  const std::string path = make_file();
  const int status = in_child([&] {
    ::signal(SIGHUP, SIG_IGN);
    RemoveOnSignal guard(path);
    ::raise(SIGHUP);
  });
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_TRUE(exists(path));
  std::remove(path.c_str());
}

TEST(RemoveOnSignal, PreviousHandlersComeBack) {
  const std::string path = make_file();
  const int status = in_child([&] {
    ::signal(SIGTERM, SIG_DFL);
    { RemoveOnSignal guard(path); }
    ::raise(SIGTERM);
  });
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_TRUE(exists(path));  // the handler was gone: nothing removed it
  std::remove(path.c_str());
  EXPECT_NO_THROW({ RemoveOnSignal again(path); });  // the first gave its slot back
}

// --timeline and --html together: both temporary files are armed at once,
// the signal removes both, and handlers come back only when the last goes.
TEST(RemoveOnSignal, SeveralArmedAtOnceAreAllRemoved) {
  const std::string first = make_file(), second = make_file(), kept = make_file();
  const int status = in_child([&] {
    ::signal(SIGINT, SIG_DFL);
    RemoveOnSignal a(first);
    {
      RemoveOnSignal b(kept);
      b.disarm();
    }  // one gone: the other is still armed
    RemoveOnSignal c(second);
    ::raise(SIGINT);
  });
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
  EXPECT_FALSE(exists(first));
  EXPECT_FALSE(exists(second));
  EXPECT_TRUE(exists(kept));
  std::remove(first.c_str());
  std::remove(second.c_str());
  std::remove(kept.c_str());
}

TEST(RemoveOnSignal, OneMoreThanTheSlotsIsRefused) {
  const std::string path = make_file();
  const int status = in_child([&] {
    std::vector<std::unique_ptr<RemoveOnSignal>> armed;
    for (std::size_t i = 0; i < RemoveOnSignal::kMaxArmed; ++i) armed.push_back(std::make_unique<RemoveOnSignal>(path));
    try {
      RemoveOnSignal extra(path);
    } catch (const std::logic_error&) {
      std::_Exit(3);
    }
  });
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 3) << status;
  std::remove(path.c_str());
}

}  // namespace
}  // namespace trace_summary
