#pragma once
/// What every session of the shell shares: the config, the accounts, the
/// command table, the login guard, TLS, the worker pool and the counters
/// that status reports. Owned by the server; outlives its sessions.

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "config/app_config.hpp"
#include "config/shell_account.hpp"
#include "diag/audit_event.hpp"
#include "diag/command_table.hpp"
#include "diag/login_guard.hpp"

namespace anpr::diag {

/// Threads that run commands and password checks, so that a slow one blocks
/// neither the sessions' I/O nor another session.
inline constexpr int kShellWorkers = 2;
/// A TLS client must finish its handshake this soon.
inline constexpr std::chrono::seconds kHandshakeTimeout{10};

struct ShellCounters {
    std::atomic<std::size_t> sessions_now{0};
    std::atomic<std::size_t> sessions_total{0};
    std::atomic<std::size_t> logins_failed{0};
    std::atomic<std::size_t> turned_away{0};
};

struct ShellContext {
    ShellContext(config::DiagConfig diag, std::string unit, const CommandTable& commands,
                 AuditSink sink, std::vector<config::ShellAccount> known_accounts,
                 std::unique_ptr<boost::asio::ssl::context> server_tls);

    /// The account called `name`; nullptr when there is none.
    const config::ShellAccount* find_account(std::string_view name) const;
    /// Sends `event` to the audit sink and the debug log; never throws.
    void report(const AuditEvent& event) const;
    /// idle_timeout_s as a duration, and as the shell says it ("600").
    std::chrono::milliseconds idle_timeout() const;
    std::string idle_timeout_text() const;

    const config::DiagConfig settings;  ///< diag.*
    const std::string unit_id;
    const CommandTable& table;
    const AuditSink audit;
    const std::vector<config::ShellAccount> accounts;
    /// Checked against when a name is unknown, so that a wrong name takes
    /// as long as a wrong password and does not show which names exist.
    const config::ShellAccount decoy;
    LoginGuard guard;
    const std::unique_ptr<boost::asio::ssl::context> tls;  ///< nullptr: plain TCP
    ShellCounters counters;
    boost::asio::thread_pool workers{kShellWorkers};
};

}  // namespace anpr::diag
