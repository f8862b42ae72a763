#pragma once
/// The client side of the shell's protocol (shell_server.hpp), for
/// `anpr shell` and the tests: synchronous, with a time limit on every
/// step, so that a server that stops answering cannot hang the caller.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace anpr::diag {

struct ShellClientOptions {
    std::string address = "127.0.0.1:7070";  ///< "HOST:PORT"; HOST a name or an IP address
    /// TLS: the CA that signed the unit's shell certificate, and this
    /// client's certificate (CN = the account) and key, which the unit
    /// requires; cert and key go together, and only with ca.
    std::optional<std::filesystem::path> ca;
    std::optional<std::filesystem::path> cert;
    std::optional<std::filesystem::path> key;
    std::chrono::milliseconds connect_timeout{10000};  ///< connect, handshake, greeting
    std::chrono::milliseconds reply_timeout{600000};   ///< each answer (a self-test is slow)
};

/// The answer to one line.
struct ShellAnswer {
    std::vector<std::string> body;  ///< the "| " lines, without the "| "
    bool ok = false;                ///< "OK"
    bool bye = false;               ///< the server said "BYE" and closed
    std::string message;            ///< the ERR message or the BYE reason
};

class ShellClient {
  public:
    /// Connects and reads the greeting; an Error names what failed.
    static core::Result<std::unique_ptr<ShellClient>> connect(const ShellClientOptions& options);
    ~ShellClient();
    ShellClient(const ShellClient&) = delete;
    ShellClient& operator=(const ShellClient&) = delete;

    /// The unit's id from the greeting.
    const std::string& unit_id() const;
    /// Sends `line` (without its '\n') and reads the answer to it.
    core::Result<ShellAnswer> request(std::string_view line);
    /// Reads one answer: body lines up to OK, ERR or BYE.
    core::Result<ShellAnswer> read_answer();
    /// Sends `bytes` as they are.
    core::Status write(std::string_view bytes);
    /// One line from the server, without its '\n'; an Error at the end of
    /// the stream, on a timeout, or for a line over 1 MiB.
    core::Result<std::string> read_line(std::chrono::milliseconds timeout);

  private:
    struct Impl;
    explicit ShellClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace anpr::diag
