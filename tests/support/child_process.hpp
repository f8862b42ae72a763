#pragma once
/// A program the test starts and controls (the unit, a receiver): its output
/// goes to a log file the test can wait on, and it can be killed at any moment,
/// as a power cut would, or stopped cleanly with SIGTERM.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace anpr::testing {

class ChildProcess {
  public:
    /// Starts argv[0] (a path, not looked up in PATH) with `argv`, its stdout
    /// and stderr both appended to `log_path` and its stdin /dev/null.
    /// Throws std::runtime_error naming the program if it cannot start.
    static ChildProcess start(const std::vector<std::string>& argv,
                              const std::filesystem::path& log_path) {
        if (argv.empty()) throw std::runtime_error("ChildProcess::start: no program given");
        std::vector<char*> args;
        for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);

        // The log may hold earlier runs (a restart after a kill appends to
        // the same file): wait_for_line() reads only what this run wrote.
        std::error_code size_error;
        auto log_start = std::filesystem::file_size(log_path, size_error);
        if (size_error) log_start = 0;

        // posix_spawn, not fork: the test binary may run threads (servers,
        // readers), and a forked copy of them could deadlock before exec.
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        // The child opens the log itself onto fd 1 and copies it to fd 2: the
        // parent never holds a descriptor another child could inherit.
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        // Nothing else of the test's passes on, even descriptors opened
        // without O_CLOEXEC: a child holding a test server's socket or a
        // pipe's end would keep it open after the test closed it.
        posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);

        // A signal the test's thread blocks or ignores (SIGPIPE, say) would
        // stay so across exec; the child starts as from a shell instead.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        sigset_t none;
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attributes, &none);
        sigset_t all;
        sigfillset(&all);
        posix_spawnattr_setsigdefault(&attributes, &all);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

        pid_t pid = -1;
        const int error = posix_spawn(&pid, args[0], &actions, &attributes, args.data(), environ);
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&actions);
        if (error != 0) {
            throw std::runtime_error("cannot start " + argv[0] + " (log " + log_path.string() +
                                     "): " + std::generic_category().message(error));
        }
        return ChildProcess(pid, log_path, log_start);
    }

    /// A child still running is killed and reaped: no test leaves one behind.
    ~ChildProcess() { kill_and_reap(); }

    ChildProcess(ChildProcess&& other) noexcept
        : pid_(std::exchange(other.pid_, -1)),
          status_(std::exchange(other.status_, std::nullopt)),
          log_path_(std::move(other.log_path_)),
          log_start_(other.log_start_) {}
    ChildProcess& operator=(ChildProcess&& other) noexcept {
        if (this != &other) {
            kill_and_reap();
            pid_ = std::exchange(other.pid_, -1);
            status_ = std::exchange(other.status_, std::nullopt);
            log_path_ = std::move(other.log_path_);
            log_start_ = other.log_start_;
        }
        return *this;
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    const std::filesystem::path& log_path() const { return log_path_; }

    /// True until the child has exited; reaps it once it has.
    bool running() {
        if (finished()) return false;
        int raw = 0;
        const pid_t reaped = waitpid(pid_, &raw, WNOHANG);
        if (reaped == 0) return true;
        if (reaped != pid_) throw std::system_error(errno, std::generic_category(), "waitpid");
        status_ = WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : WEXITSTATUS(raw);
        return false;
    }

    /// Sends `sig` (SIGKILL, SIGTERM...) to the child; nothing once it has
    /// been reaped, when its pid may already belong to another process.
    void signal(int sig) {
        if (finished()) return;
        if (::kill(pid_, sig) != 0) throw std::system_error(errno, std::generic_category(), "kill");
    }

    /// Waits up to `timeout` for the child to exit: its exit code, or 128 +
    /// the signal that ended it (as a shell reports it); std::nullopt if it
    /// is still running then.
    std::optional<int> wait_for(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (running()) {
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            std::this_thread::sleep_for(poll_interval);
        }
        return status_;
    }

    /// Waits up to `timeout` for a line this run wrote to the log that
    /// `regex` matches (anywhere in the line) and returns its first capture
    /// group ("" if the regex has none), e.g. the port from
    /// "listening on 127.0.0.1:(\\d+)". std::nullopt on timeout, or once the
    /// child has exited without writing such a line.
    std::optional<std::string> wait_for_line(const std::string& regex,
                                             std::chrono::milliseconds timeout) {
        const std::regex pattern(regex);
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        auto offset = log_start_;
        std::string partial;  // the line being written, not yet ended
        for (;;) {
            // Asked before reading: all the output of a child that has
            // exited is in the log, so none of it can be missed.
            const bool alive = running();
            std::ifstream log(log_path_, std::ios::binary);
            log.seekg(static_cast<std::streamoff>(offset));
            const std::string fresh{std::istreambuf_iterator<char>(log),
                                    std::istreambuf_iterator<char>()};
            offset += fresh.size();
            partial += fresh;
            // Only ended lines: "...:42" might yet become "...:4242".
            std::size_t begin = 0;
            for (auto end = partial.find('\n'); end != std::string::npos;
                 begin = end + 1, end = partial.find('\n', begin)) {
                if (auto found = capture(partial.substr(begin, end - begin), pattern)) return found;
            }
            partial.erase(0, begin);
            if (!alive) return partial.empty() ? std::nullopt : capture(partial, pattern);
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            std::this_thread::sleep_for(poll_interval);
        }
    }

  private:
    static constexpr std::chrono::milliseconds poll_interval{10};

    ChildProcess(pid_t pid, std::filesystem::path log_path, std::uintmax_t log_start)
        : pid_(pid), log_path_(std::move(log_path)), log_start_(log_start) {}

    /// Reaped, or moved from: there is no child to ask or signal.
    bool finished() const { return pid_ <= 0 || status_.has_value(); }

    void kill_and_reap() noexcept {
        if (finished()) return;
        ::kill(pid_, SIGKILL);
        while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
        }
    }

    static std::optional<std::string> capture(const std::string& line, const std::regex& pattern) {
        std::smatch match;
        if (!std::regex_search(line, match, pattern)) return std::nullopt;
        return match.size() > 1 ? match[1].str() : std::string();
    }

    pid_t pid_ = -1;
    std::optional<int> status_;
    std::filesystem::path log_path_;
    std::uintmax_t log_start_ = 0;
};

}  // namespace anpr::testing
