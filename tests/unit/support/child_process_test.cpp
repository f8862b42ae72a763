// The test harness for programs the integration tests start: output, waiting, killing.
#include "child_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.hpp"

namespace anpr::testing {
namespace {

using namespace std::chrono_literals;

/// Runs `script` under /bin/sh. dash forks for a script's last command, so the
/// scripts `exec` their long sleep: the signal then reaches the sleeping
/// process itself, and no orphaned sleep outlives the test.
ChildProcess start_shell(const std::string& script, const std::filesystem::path& log) {
    return ChildProcess::start({"/bin/sh", "-c", script}, log);
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(ChildProcess, ReadsTheAnnouncedPortAndReportsAKill) {
    const TempDir dir;
    auto child = start_shell("echo listening on 127.0.0.1:4242; exec sleep 30", dir.path() / "log");
    EXPECT_GT(child.pid(), 0);
    EXPECT_EQ(child.wait_for_line(R"(listening on 127\.0\.0\.1:(\d+))", 5s), "4242");
    EXPECT_TRUE(child.running());
    child.signal(SIGKILL);
    EXPECT_EQ(child.wait_for(5s), 128 + SIGKILL);
    EXPECT_FALSE(child.running());
    child.signal(SIGKILL);  // reaped: nothing to signal, and no error
}

TEST(ChildProcess, ReportsATerminationBySigterm) {
    const TempDir dir;
    auto child = start_shell("exec sleep 30", dir.path() / "log");
    child.signal(SIGTERM);
    EXPECT_EQ(child.wait_for(5s), 128 + SIGTERM);
}

TEST(ChildProcess, ReportsTheExitCode) {
    const TempDir dir;
    auto child = start_shell("exit 3", dir.path() / "log");
    EXPECT_EQ(child.wait_for(5s), 3);
    EXPECT_EQ(child.wait_for(0ms), 3);  // asked again after the reaping
}

TEST(ChildProcess, ThrowsNamingAMissingProgram) {
    const TempDir dir;
    try {
        ChildProcess::start({"/nonexistent/anprd", "--config", "x"}, dir.path() / "log");
        FAIL() << "started a missing program";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("/nonexistent/anprd"), std::string::npos)
            << error.what();
    }
}

TEST(ChildProcess, TimesOutWhileTheChildRuns) {
    const TempDir dir;
    auto child = start_shell("exec sleep 30", dir.path() / "log");
    const auto began = std::chrono::steady_clock::now();
    EXPECT_EQ(child.wait_for(50ms), std::nullopt);
    EXPECT_EQ(child.wait_for_line("never said", 50ms), std::nullopt);
    EXPECT_GE(std::chrono::steady_clock::now() - began, 100ms);
    EXPECT_TRUE(child.running());
}

TEST(ChildProcess, StopsWaitingForALineWhenTheChildExits) {
    const TempDir dir;
    auto child = start_shell("echo something else", dir.path() / "log");
    const auto began = std::chrono::steady_clock::now();
    EXPECT_EQ(child.wait_for_line("never said", 20s), std::nullopt);
    EXPECT_LT(std::chrono::steady_clock::now() - began, 10s);
}

TEST(ChildProcess, FindsTheLastLineOfAChildThatExited) {
    const TempDir dir;
    auto child = start_shell("printf 'done: 7'", dir.path() / "log");
    ASSERT_EQ(child.wait_for(5s), 0);
    EXPECT_EQ(child.wait_for_line(R"(done: (\d+))", 0ms), "7");
}

TEST(ChildProcess, ReturnsAnEmptyCaptureForARegexWithoutGroup) {
    const TempDir dir;
    auto child = start_shell("echo ready; exec sleep 30", dir.path() / "log");
    EXPECT_EQ(child.wait_for_line("^ready$", 5s), "");
}

TEST(ChildProcess, MatchesOnlyEndedLines) {
    const TempDir dir;
    auto child = start_shell("printf 'port 42'; sleep 0.3; printf '42\\n'; exec sleep 30",
                             dir.path() / "log");
    EXPECT_EQ(child.wait_for_line(R"(port (\d+))", 5s), "4242");
}

TEST(ChildProcess, AppendsStdoutAndStderrAndReadsOnlyItsOwnRun) {
    const TempDir dir;
    // What a run before a restart left: its port must not be taken for this one's.
    const auto log = dir.write("log", "listening on 127.0.0.1:1111\n");
    auto child = start_shell("echo listening on 127.0.0.1:2222; echo to stderr >&2", log);
    EXPECT_EQ(child.wait_for_line(R"(listening on 127\.0\.0\.1:(\d+))", 5s), "2222");
    ASSERT_EQ(child.wait_for(5s), 0);
    EXPECT_EQ(read_all(log),
              "listening on 127.0.0.1:1111\nlistening on 127.0.0.1:2222\nto stderr\n");
}

TEST(ChildProcess, KeepsNoneOfTheTestsDescriptors) {
    const TempDir dir;
    int ends[2];
    // Deliberately without O_CLOEXEC; non-blocking, so that a copy of the
    // write end in the child shows as EAGAIN instead of a hang.
    ASSERT_EQ(pipe2(ends, O_NONBLOCK), 0);
    auto child = start_shell("exec sleep 30", dir.path() / "log");
    close(ends[1]);
    // End of file only if the child holds no copy of the write end.
    char byte = 0;
    EXPECT_EQ(read(ends[0], &byte, 1), 0) << std::strerror(errno);
    close(ends[0]);
}

TEST(ChildProcess, KillsAndReapsTheChildWhenDestroyed) {
    const TempDir dir;
    pid_t pid = -1;
    {
        auto child = start_shell("exec sleep 30", dir.path() / "log");
        pid = child.pid();
    }
    // A zombie would still answer kill(pid, 0).
    EXPECT_EQ(kill(pid, 0), -1);
}

TEST(ChildProcess, MovesOwnershipOfTheChild) {
    const TempDir dir;
    auto first = start_shell("exec sleep 30", dir.path() / "log");
    const pid_t pid = first.pid();
    ChildProcess second = std::move(first);
    EXPECT_EQ(second.pid(), pid);
    EXPECT_TRUE(second.running());
    auto third = start_shell("exit 0", dir.path() / "log");
    third = std::move(second);
    EXPECT_EQ(third.pid(), pid);
    EXPECT_TRUE(third.running());
}

}  // namespace
}  // namespace anpr::testing
