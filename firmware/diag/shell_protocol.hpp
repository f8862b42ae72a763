#pragma once
/// The text the shell and its clients exchange (see shell_server.hpp for
/// the protocol): what the server writes, and how a line is shown in the
/// audit trail without ever showing a password.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "diag/command_table.hpp"

namespace anpr::diag {

/// Audit and log fields are cut to this many bytes.
inline constexpr std::size_t kAuditFieldBytes = 200;

/// "HELLO anpr-shell/1 unit=ID\n".
std::string greeting(std::string_view unit_id);

/// A reply as the client reads it: "| " and a line for each line of an OK
/// reply's text, then "OK"; for an error, "| " lines for its second and later
/// lines, then "ERR " and its first. Control bytes are escaped, so that a
/// reply is always exactly these lines.
std::string reply_text(const Reply& reply);

/// "BYE REASON\n": the server closes the session after it.
std::string bye_text(std::string_view reason);

/// The first line of a reply's text, shown for the audit trail.
std::string audit_outcome(const Reply& reply);

/// `line` as the audit trail shows it: "login NAME" for a login (never the
/// password), a line that did not parse only when it cannot hold one, and
/// otherwise the line itself, escaped and cut.
std::string audit_command(std::string_view line,
                          const core::Result<std::vector<std::string>>& words);

}  // namespace anpr::diag
