#pragma once
/// Whether a login's name, password and (over TLS) client certificate
/// match an account. Runs scrypt, so the shell calls it on a worker thread.

#include <optional>
#include <string>
#include <string_view>

#include "config/shell_account.hpp"
#include "diag/shell_context.hpp"

namespace anpr::diag {

struct LoginCheck {
    const config::ShellAccount* account = nullptr;  ///< nullptr: refused
    std::string detail;  ///< why refused, for the audit trail, never for the client
};

/// An unknown name costs the same scrypt as a wrong password. With TLS
/// (`certificate` set, or TLS on without one) the certificate's CN must also
/// be the name.
LoginCheck check_login(const ShellContext& context, std::string_view name,
                       std::string_view password, const std::optional<std::string>& certificate);

}  // namespace anpr::diag
