#pragma once
/// One client of the shell, from connect to close: the TLS handshake, the
/// greeting, login, one command at a time, and every way a session ends
/// (shell_server.hpp has the protocol). Lives on the server's I/O thread;
/// commands and password checks run on the context's workers. Every timer,
/// buffer and queue is bounded, and no handler lets an exception out.

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/command_table.hpp"
#include "diag/shell_context.hpp"
#include "diag/shell_login.hpp"

namespace anpr::diag {

class ShellSession : public std::enable_shared_from_this<ShellSession> {
  public:
    ShellSession(boost::asio::ip::tcp::socket socket, ShellContext& context);

    /// Serves the client: counted in sessions_now until it closes.
    void start();
    /// Tells the client `reason` ("busy: ...") in a BYE and closes.
    void turn_away(std::string reason);
    /// Ends the session with "BYE unit stopping" (or at once before the
    /// greeting). Call on the I/O thread.
    void stop();

    /// "address:port" of the client.
    const std::string& peer() const { return peer_; }
    /// The client's IP address alone.
    const std::string& address() const { return address_; }

  private:
    enum class Deadline { handshake, idle, write };

    void handshake(std::function<void()> then);
    void greet();
    void read_line();
    void on_line(std::size_t bytes);
    void handle_line(const std::string& line);
    void run_command(const std::string& line, const std::string& shown);
    void login(std::vector<std::string> words, const std::string& shown);
    void login_checked(const LoginCheck& check, const std::string& name, const std::string& shown);
    void answer(const Reply& reply, const std::string& shown);
    void send(std::string text, std::function<void()> then);
    void bye(std::string reason, std::string audit_reason);
    void write_bye(const std::string& reason);
    void close(const std::string& reason);

    void arm(Deadline deadline, std::chrono::milliseconds after);
    void disarm();
    void on_deadline(Deadline deadline);
    void audit(AuditEvent::Kind kind, std::string command, bool ok, std::string detail,
               std::string account = {});
    /// Runs `step`, closing the session instead of letting an exception out.
    template <class Step>
    void safely(Step&& step);
    /// Runs `task` on a worker thread; an exception there closes the session.
    template <class Task>
    void on_worker(Task&& task);

    ShellContext& context_;
    boost::asio::ip::tcp::socket socket_;
    std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
    boost::asio::streambuf input_;
    boost::asio::steady_timer deadline_;
    boost::asio::steady_timer backoff_;
    std::uint64_t deadline_generation_ = 0;
    std::string peer_;
    std::string address_;                     ///< the peer's IP alone, for the login guard
    std::optional<std::string> certificate_;  ///< the client certificate's CN (TLS)
    std::optional<Caller> caller_;            ///< set by a successful login
    bool serving_ = false;                    ///< counted in sessions_now
    bool greeted_ = false;
    bool writing_ = false;
    bool closing_ = false;  ///< a BYE is on its way
    bool closed_ = false;
    std::optional<std::string> pending_bye_;  ///< waits for the write in progress
    std::string close_reason_;
};

}  // namespace anpr::diag
