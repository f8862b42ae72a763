#include "diag/shell_context.hpp"

#include <algorithm>
#include <sstream>

#include "logging/logging.hpp"

namespace anpr::diag {

ShellContext::ShellContext(config::DiagConfig diag, std::string unit, const CommandTable& commands,
                           AuditSink sink, std::vector<config::ShellAccount> known_accounts,
                           std::unique_ptr<boost::asio::ssl::context> server_tls)
    : settings(std::move(diag)),
      unit_id(std::move(unit)),
      table(commands),
      audit(std::move(sink)),
      accounts(std::move(known_accounts)),
      decoy(accounts.empty() ? config::ShellAccount{} : accounts.front()),
      guard(settings.max_failed_logins, std::chrono::duration<double>(settings.lockout_s)),
      tls(std::move(server_tls)) {}

const config::ShellAccount* ShellContext::find_account(std::string_view name) const {
    const auto found = std::find_if(accounts.begin(), accounts.end(),
                                    [&](const auto& account) { return account.name == name; });
    return found == accounts.end() ? nullptr : &*found;
}

void ShellContext::report(const AuditEvent& event) const {
    try {
        logging::logger("shell")->debug("{} peer={} account='{}' command='{}' ok={} detail='{}'",
                                        kind_name(event.kind), event.peer, event.account,
                                        event.command, event.ok, event.detail);
        if (audit) audit(event);
    } catch (const std::exception& failure) {
        logging::logger("shell")->error("audit of a {} event failed: {}", kind_name(event.kind),
                                        failure.what());
    }
}

std::chrono::milliseconds ShellContext::idle_timeout() const {
    return std::chrono::milliseconds(static_cast<long>(settings.idle_timeout_s * 1000.f));
}

std::string ShellContext::idle_timeout_text() const {
    std::ostringstream text;
    text << settings.idle_timeout_s;
    return text.str();
}

}  // namespace anpr::diag
