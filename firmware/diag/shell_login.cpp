#include "diag/shell_login.hpp"

#include "diag/command_line.hpp"
#include "diag/password.hpp"
#include "diag/shell_protocol.hpp"

namespace anpr::diag {

LoginCheck check_login(const ShellContext& context, std::string_view name,
                       std::string_view password, const std::optional<std::string>& certificate) {
    static const std::string kWrong = "wrong name or password";
    const auto* account = context.find_account(name);
    if (account == nullptr) {
        (void)password_matches(context.decoy, password);
        return LoginCheck{nullptr, kWrong};
    }
    if (!password_matches(*account, password)) return LoginCheck{nullptr, kWrong};
    if (context.tls && certificate != account->name) {
        return LoginCheck{nullptr, certificate ? "certificate is for " +
                                                     shown_text(*certificate, kAuditFieldBytes / 2)
                                               : std::string("no client certificate")};
    }
    return LoginCheck{account, {}};
}

}  // namespace anpr::diag
