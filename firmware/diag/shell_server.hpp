#pragma once
/// The diagnostics shell: a small line-based server through which a
/// technician, logged in, runs the unit's commands (command_table.hpp).
/// Every event goes to the audit sink. Nothing a client sends may crash or
/// block the unit: lines, buffers, connections, login attempts and time are
/// all bounded, and commands run on worker threads, never on the I/O thread.
///
/// Protocol, version 1: UTF-8 lines ending in '\n' (a '\r' before it is
/// dropped), at most diag.max_line_bytes each.
///
///     server: HELLO anpr-shell/1 unit=<unit id>         on connect
///     client: login NAME PASSWORD                       first; else "ERR log in first: ..."
///     server: | logged in as NAME (rights: plates, operate | ... | none)
///     server: OK
///     client: COMMAND ARGS...                           words as command_line.hpp splits them
///     server: | <body line>                             zero or more
///     server: OK | ERR <message>                        exactly one, ends each answer
///     client: logout | quit
///     server: BYE logout                                and closes
///
/// A failed login (unknown name or wrong password alike, so that names do
/// not leak) answers "ERR login refused" after a growing delay; too many
/// lock the name and the address: "ERR too many failed logins: try again in
/// N s" (a locked address is turned away on connect with a BYE). The server
/// says "BYE <reason>" before it closes a session itself: "idle for N s",
/// "line longer than N bytes", "busy: N clients connected, the most
/// allowed", "unit stopping". One line is answered before the next is read.
///
/// With diag.tls_* set the shell speaks TLS 1.2+ and asks for a client
/// certificate from diag.tls_ca; the handshake must end within 10 s, and
/// login also needs the certificate's CN to be the account's name.

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "diag/audit_event.hpp"
#include "diag/command_table.hpp"

namespace anpr::diag {

/// What status() reports, for tests and metrics.
struct ShellStats {
    std::size_t sessions_now = 0;
    std::size_t sessions_total = 0;
    std::size_t logins_failed = 0;
    std::size_t turned_away = 0;
    std::size_t locked_now = 0;  ///< names and addresses locked
};

class ShellServer {
  public:
    /// Listens (not yet accepting) on config.listen with the accounts of
    /// config.accounts. An Error names a bad listen address or account, a TLS
    /// file that cannot be used, or an address already in use. `table` and
    /// `audit` must outlive the server.
    static core::Result<std::unique_ptr<ShellServer>> create(const config::DiagConfig& config,
                                                             const std::string& unit_id,
                                                             const CommandTable& table,
                                                             AuditSink audit);
    ~ShellServer();
    ShellServer(const ShellServer&) = delete;
    ShellServer& operator=(const ShellServer&) = delete;

    /// Starts accepting clients on its own I/O thread.
    void start();
    /// Says "BYE unit stopping" to each client, closes, waits for commands in
    /// flight and joins the threads. Idempotent; the server does not start
    /// again after it, and it must not be called from a shell command.
    void stop();

    std::string name() const { return "shell"; }
    /// One line: address, TLS or plain, sessions, failed logins, turned away, locked.
    void status(std::ostream& out) const;
    ShellStats stats() const;
    /// The port it listens on (the one the system chose when 0 was asked).
    std::uint16_t port() const;

  private:
    struct Impl;
    explicit ShellServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace anpr::diag
