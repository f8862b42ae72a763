#include "diag/shell_session.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <exception>
#include <istream>

#include "diag/command_line.hpp"
#include "diag/shell_protocol.hpp"
#include "diag/shell_tls.hpp"
#include "logging/logging.hpp"

namespace anpr::diag {
namespace {

/// A BYE to a client that does not read gets this long before the close.
constexpr std::chrono::milliseconds kByeTimeout{2000};

std::string rights_text(const config::ShellAccount& account) {
    if (account.see_plates && account.operate) return "plates, operate";
    if (account.see_plates) return "plates";
    if (account.operate) return "operate";
    return "none";
}

/// A name a client tried, as the audit trail shows it: valid names are
/// at most 64 bytes.
std::string shown_name(const std::string& name) { return shown_text(name, 64); }

}  // namespace

ShellSession::ShellSession(boost::asio::ip::tcp::socket socket, ShellContext& context)
    : context_(context),
      socket_(std::move(socket)),
      input_(static_cast<std::size_t>(context.settings.max_line_bytes) + 1),
      deadline_(socket_.get_executor()),
      backoff_(socket_.get_executor()) {
    boost::system::error_code failed;
    const auto remote = socket_.remote_endpoint(failed);
    if (!failed) {
        address_ = remote.address().to_string();
        peer_ = (remote.address().is_v6() ? "[" + address_ + "]" : address_) + ":" +
                std::to_string(remote.port());
    } else {
        peer_ = address_ = "unknown";
    }
    if (context_.tls) tls_.emplace(socket_, *context_.tls);
}

template <class Step>
void ShellSession::safely(Step&& step) {
    try {
        step();
    } catch (const std::exception& failure) {
        logging::logger("shell")->error("session {}: {}", peer_, failure.what());
        close(std::string("internal error: ") + failure.what());
    } catch (...) {
        close("internal error");
    }
}

template <class Task>
void ShellSession::on_worker(Task&& task) {
    boost::asio::post(
        context_.workers, [self = shared_from_this(), task = std::forward<Task>(task)]() mutable {
            try {
                task();
            } catch (const std::exception& failure) {
                const std::string reason = std::string("internal error: ") + failure.what();
                boost::asio::post(self->socket_.get_executor(),
                                  [self, reason] { self->safely([&] { self->close(reason); }); });
            }
        });
}

void ShellSession::start() {
    serving_ = true;
    audit(AuditEvent::Kind::connected, {}, true, {});
    handshake([this] { greet(); });
}

void ShellSession::turn_away(std::string reason) {
    handshake([this, reason = std::move(reason)] {
        greeted_ = true;
        bye(reason, reason);
    });
}

void ShellSession::stop() {
    safely([&] {
        if (greeted_) {
            bye("unit stopping", "unit stopping");
        } else {
            close("unit stopping");
        }
    });
}

void ShellSession::handshake(std::function<void()> then) {
    if (!tls_) {
        then();
        return;
    }
    arm(Deadline::handshake, kHandshakeTimeout);
    tls_->async_handshake(
        boost::asio::ssl::stream_base::server, [self = shared_from_this(), then = std::move(then)](
                                                   const boost::system::error_code& failed) {
            self->safely([&] {
                if (self->closed_) return;
                self->disarm();
                if (failed) {
                    self->close("TLS handshake failed: " + failed.message());
                    return;
                }
                self->certificate_ = peer_common_name(self->tls_->native_handle());
                then();
            });
        });
}

void ShellSession::greet() {
    greeted_ = true;
    send(greeting(context_.unit_id), [this] { read_line(); });
}

void ShellSession::read_line() {
    arm(Deadline::idle, context_.idle_timeout());
    auto done = [self = shared_from_this()](const boost::system::error_code& failed,
                                            std::size_t bytes) {
        self->safely([&] {
            if (self->closed_ || self->closing_) return;
            self->disarm();
            if (failed == boost::asio::error::not_found) {
                self->bye("line longer than " +
                              std::to_string(self->context_.settings.max_line_bytes) + " bytes",
                          "line too long");
            } else if (failed) {
                self->close(failed == boost::asio::error::eof ? "client left" : failed.message());
            } else {
                self->on_line(bytes);
            }
        });
    };
    if (tls_) {
        boost::asio::async_read_until(*tls_, input_, '\n', std::move(done));
    } else {
        boost::asio::async_read_until(socket_, input_, '\n', std::move(done));
    }
}

void ShellSession::on_line(std::size_t bytes) {
    std::string line(bytes, '\0');
    std::istream(&input_).read(line.data(), static_cast<std::streamsize>(bytes));
    line.pop_back();  // the '\n'
    handle_line(line);
    OPENSSL_cleanse(line.data(), line.size());  // it may hold a password
}

void ShellSession::handle_line(const std::string& line) {
    auto words = split_command_line(line);
    const auto shown = audit_command(line, words);
    if (!words) {
        answer(error_reply(words.error().message), shown);
        return;
    }
    const auto& parsed = words.value();
    if (!parsed.empty() && (parsed.front() == "logout" || parsed.front() == "quit")) {
        bye("logout", "logout");
    } else if (!parsed.empty() && parsed.front() == "login") {
        login(std::move(words).value(), shown);
    } else if (!caller_) {
        answer(error_reply("log in first: login NAME PASSWORD"), shown);
    } else {
        run_command(line, shown);
    }
}

void ShellSession::run_command(const std::string& line, const std::string& shown) {
    on_worker([self = shared_from_this(), line, shown, caller = *caller_] {
        auto reply = self->context_.table.execute(line, caller);
        boost::asio::post(self->socket_.get_executor(), [self, reply = std::move(reply), shown] {
            self->safely([&] {
                if (!self->closing_ && !self->closed_) self->answer(reply, shown);
            });
        });
    });
}

void ShellSession::login(std::vector<std::string> words, const std::string& shown) {
    if (words.size() != 3) {
        answer(error_reply("usage: login NAME PASSWORD"), shown);
        return;
    }
    const std::string name = words[1];
    if (caller_) {
        answer(error_reply("already logged in as " + caller_->account), shown);
        return;
    }
    if (const auto locked = context_.guard.locked_for(name, address_)) {
        ++context_.counters.logins_failed;
        audit(AuditEvent::Kind::login_failed, shown, false, "locked", shown_name(name));
        send(reply_text(error_reply("too many failed logins: try again in " +
                                    std::to_string(*locked) + " s")),
             [this] { read_line(); });
        return;
    }
    on_worker([self = shared_from_this(), name, shown, password = std::move(words[2])]() mutable {
        const auto check = check_login(self->context_, name, password, self->certificate_);
        OPENSSL_cleanse(password.data(), password.size());
        boost::asio::post(self->socket_.get_executor(), [self, check, name, shown] {
            self->safely([&] {
                if (!self->closing_ && !self->closed_) self->login_checked(check, name, shown);
            });
        });
    });
}

void ShellSession::login_checked(const LoginCheck& check, const std::string& name,
                                 const std::string& shown) {
    if (check.account != nullptr) {
        context_.guard.succeeded(name, address_);
        caller_ = Caller{name, peer_, check.account->see_plates, check.account->operate};
        audit(AuditEvent::Kind::login, shown, true, {}, name);
        send(reply_text(Reply{
                 true, "logged in as " + name + " (rights: " + rights_text(*check.account) + ")"}),
             [this] { read_line(); });
        return;
    }
    ++context_.counters.logins_failed;
    const auto delay = context_.guard.failed(name, address_);
    audit(AuditEvent::Kind::login_failed, shown, false, check.detail, shown_name(name));
    backoff_.expires_after(delay);
    backoff_.async_wait([self = shared_from_this()](const boost::system::error_code& failed) {
        self->safely([&] {
            if (failed || self->closing_ || self->closed_) return;
            self->send(reply_text(error_reply("login refused")), [self] { self->read_line(); });
        });
    });
}

void ShellSession::answer(const Reply& reply, const std::string& shown) {
    audit(AuditEvent::Kind::command, shown, reply.ok, audit_outcome(reply));
    send(reply_text(reply), [this] { read_line(); });
}

void ShellSession::send(std::string text, std::function<void()> then) {
    writing_ = true;
    arm(Deadline::write, context_.idle_timeout());
    auto owned = std::make_shared<std::string>(std::move(text));
    auto done = [self = shared_from_this(), owned, then = std::move(then)](
                    const boost::system::error_code& failed, std::size_t) {
        self->safely([&] {
            self->writing_ = false;
            if (self->closed_) return;
            self->disarm();
            if (failed) {
                self->close(failed.message());
            } else if (self->pending_bye_) {
                auto reason = std::move(*self->pending_bye_);
                self->pending_bye_.reset();
                self->write_bye(reason);
            } else {
                then();
            }
        });
    };
    if (tls_) {
        boost::asio::async_write(*tls_, boost::asio::buffer(*owned), std::move(done));
    } else {
        boost::asio::async_write(socket_, boost::asio::buffer(*owned), std::move(done));
    }
}

void ShellSession::bye(std::string reason, std::string audit_reason) {
    if (closing_ || closed_) return;
    closing_ = true;
    close_reason_ = std::move(audit_reason);
    backoff_.cancel();
    if (writing_) {
        pending_bye_ = std::move(reason);
        return;
    }
    write_bye(reason);
}

void ShellSession::write_bye(const std::string& reason) {
    send(bye_text(reason), [this] { close(close_reason_); });
    arm(Deadline::write, std::min(kByeTimeout, context_.idle_timeout()));
}

void ShellSession::close(const std::string& reason) {
    if (closed_) return;
    closed_ = true;
    closing_ = true;
    disarm();
    backoff_.cancel();
    if (serving_) {  // recorded before the client can see the close
        --context_.counters.sessions_now;
        audit(AuditEvent::Kind::closed, {}, true, reason);
    }
    boost::system::error_code ignored;
    socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

void ShellSession::arm(Deadline deadline, std::chrono::milliseconds after) {
    const auto generation = ++deadline_generation_;
    deadline_.expires_after(after);
    deadline_.async_wait(
        [self = shared_from_this(), deadline, generation](const boost::system::error_code& failed) {
            self->safely([&] {
                if (failed || generation != self->deadline_generation_ || self->closed_) return;
                self->on_deadline(deadline);
            });
        });
}

void ShellSession::disarm() {
    ++deadline_generation_;
    deadline_.cancel();
}

void ShellSession::on_deadline(Deadline deadline) {
    switch (deadline) {
        case Deadline::handshake:
            close("no TLS handshake within " + std::to_string(kHandshakeTimeout.count()) + " s");
            return;
        case Deadline::idle:
            bye("idle for " + context_.idle_timeout_text() + " s", "idle");
            return;
        case Deadline::write:
            close(closing_ ? close_reason_ : "client not reading");
            return;
    }
}

void ShellSession::audit(AuditEvent::Kind kind, std::string command, bool ok, std::string detail,
                         std::string account) {
    AuditEvent event;
    event.kind = kind;
    event.peer = peer_;
    event.account = !account.empty() ? std::move(account) : caller_ ? caller_->account : "";
    event.command = std::move(command);
    event.ok = ok;
    event.detail = std::move(detail);
    context_.report(event);
}

}  // namespace anpr::diag
