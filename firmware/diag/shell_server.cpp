#include "diag/shell_server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "core/listen_address.hpp"
#include "diag/shell_context.hpp"
#include "diag/shell_session.hpp"
#include "diag/shell_tls.hpp"
#include "logging/logging.hpp"

namespace anpr::diag {
namespace {

using boost::asio::ip::tcp;

std::string endpoint_text(const tcp::endpoint& endpoint) {
    const auto host = endpoint.address().to_string();
    return (endpoint.address().is_v6() ? "[" + host + "]" : host) + ":" +
           std::to_string(endpoint.port());
}

}  // namespace

struct ShellServer::Impl {
    Impl(std::unique_ptr<ShellContext> shared, tcp::endpoint where)
        : context(std::move(shared)), acceptor(io), address(endpoint_text(where)) {}

    void accept();
    void admit(tcp::socket socket);
    void stop_sessions();
    void run_io();

    // Destroyed in reverse: sessions still queued in `io` go before `context`.
    std::unique_ptr<ShellContext> context;
    boost::asio::io_context io;
    tcp::acceptor acceptor;
    std::string address;  ///< "HOST:PORT" with the real port
    std::uint16_t port = 0;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
    std::thread thread;
    std::mutex lifecycle;  ///< start() and stop()
    bool started = false;
    bool stopped = false;
    std::vector<std::weak_ptr<ShellSession>> sessions;  ///< I/O thread only
};

void ShellServer::Impl::accept() {
    acceptor.async_accept([this](const boost::system::error_code& failed, tcp::socket socket) {
        if (failed == boost::asio::error::operation_aborted || !acceptor.is_open()) return;
        if (!failed) {
            try {
                admit(std::move(socket));
            } catch (const std::exception& failure) {
                logging::logger("shell")->error("shell: a client could not be admitted: {}",
                                                failure.what());
            }
        }
        accept();
    });
}

void ShellServer::Impl::admit(tcp::socket socket) {
    std::erase_if(sessions, [](const auto& session) { return session.expired(); });
    const auto max = static_cast<std::size_t>(context->settings.max_connections);
    auto& counters = context->counters;
    if (sessions.size() >= 2 * max) {
        // Even turning clients away costs a socket each: past this, drop them.
        ++counters.turned_away;
        return;
    }
    auto session = std::make_shared<ShellSession>(std::move(socket), *context);
    sessions.push_back(session);
    std::string away;
    if (counters.sessions_now >= max) {
        away = "busy: " + std::to_string(counters.sessions_now.load()) +
               " clients connected, the most allowed";
    } else if (const auto locked = context->guard.address_locked_for(session->address())) {
        away = "too many failed logins from this address: try again in " + std::to_string(*locked) +
               " s";
    }
    if (away.empty()) {
        ++counters.sessions_now;
        ++counters.sessions_total;
        session->start();
        return;
    }
    ++counters.turned_away;
    AuditEvent refused;
    refused.kind = AuditEvent::Kind::refused;
    refused.peer = session->peer();
    refused.ok = false;
    refused.detail = away;
    context->report(refused);
    session->turn_away(std::move(away));
}

void ShellServer::Impl::stop_sessions() {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    for (const auto& weak : sessions) {
        if (auto session = weak.lock()) session->stop();
    }
    sessions.clear();
}

void ShellServer::Impl::run_io() {
    // A handler's exception must not end the shell: log it and go on.
    while (true) {
        try {
            io.run();
            return;
        } catch (const std::exception& failure) {
            logging::logger("shell")->error("shell I/O: {}", failure.what());
        }
    }
}

core::Result<std::unique_ptr<ShellServer>> ShellServer::create(const config::DiagConfig& config,
                                                               const std::string& unit_id,
                                                               const CommandTable& table,
                                                               AuditSink audit) {
    auto listen = core::parse_listen_address(config.listen);
    if (!listen) return core::Error{"diag.listen: " + listen.error().message};
    std::vector<config::ShellAccount> accounts;
    for (const auto& text : config.accounts) {
        auto account = config::parse_shell_account(text);
        if (!account) return core::Error{"diag.accounts: " + account.error().message};
        accounts.push_back(std::move(account).value());
    }
    if (accounts.empty()) return core::Error{"diag.accounts: no account, so nobody could log in"};
    auto tls = make_shell_tls(config);
    if (!tls) return tls.error();
    if (!tls.value() && !listen.value().host.is_loopback()) {
        return core::Error{"diag.listen '" + config.listen +
                           "' is not loopback: it needs diag.tls_ca, tls_cert and tls_key"};
    }
    const tcp::endpoint wanted(listen.value().host, listen.value().port);
    auto impl = std::make_unique<Impl>(
        std::make_unique<ShellContext>(config, unit_id, table, std::move(audit),
                                       std::move(accounts), std::move(tls).value()),
        wanted);
    boost::system::error_code failed;
    impl->acceptor.open(wanted.protocol(), failed);
    if (!failed) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), failed);
    if (!failed) impl->acceptor.bind(wanted, failed);
    if (!failed) impl->acceptor.listen(boost::asio::socket_base::max_listen_connections, failed);
    if (failed) {
        return core::Error{"diagnostics shell cannot listen on " + config.listen + ": " +
                           failed.message()};
    }
    impl->address = endpoint_text(impl->acceptor.local_endpoint());
    impl->port = impl->acceptor.local_endpoint().port();
    return std::unique_ptr<ShellServer>(new ShellServer(std::move(impl)));
}

ShellServer::ShellServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ShellServer::~ShellServer() { stop(); }

void ShellServer::start() {
    const std::lock_guard lock(impl_->lifecycle);
    if (impl_->started || impl_->stopped) return;
    impl_->started = true;
    impl_->work.emplace(impl_->io.get_executor());
    impl_->accept();
    impl_->thread = std::thread([impl = impl_.get()] { impl->run_io(); });
    logging::logger("shell")->info("diagnostics shell listening on {} ({}, {} account(s))",
                                   impl_->address, impl_->context->tls ? "tls" : "plain",
                                   impl_->context->accounts.size());
}

void ShellServer::stop() {
    const std::lock_guard lock(impl_->lifecycle);
    if (impl_->stopped) return;
    impl_->stopped = true;
    if (!impl_->started) return;
    boost::asio::post(impl_->io, [impl = impl_.get()] { impl->stop_sessions(); });
    impl_->work.reset();
    impl_->thread.join();
    impl_->context->workers.join();
    logging::logger("shell")->info("diagnostics shell stopped");
}

ShellStats ShellServer::stats() const {
    const auto& counters = impl_->context->counters;
    return ShellStats{counters.sessions_now, counters.sessions_total, counters.logins_failed,
                      counters.turned_away, impl_->context->guard.locked_now()};
}

void ShellServer::status(std::ostream& out) const {
    const auto now = stats();
    out << "listening on " << impl_->address << " (" << (impl_->context->tls ? "tls" : "plain")
        << "), " << now.sessions_now << " session(s) now, " << now.sessions_total << " in all, "
        << now.logins_failed << " failed login(s), " << now.turned_away
        << " client(s) turned away, " << now.locked_now << " name(s) or address(es) locked";
}

std::uint16_t ShellServer::port() const { return impl_->port; }

}  // namespace anpr::diag
