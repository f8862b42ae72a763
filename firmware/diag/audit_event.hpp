#pragma once
/// What the shell reports for the audit trail: every session's start and end,
/// every login attempt and every command with its outcome. The unit writes
/// each to the "audit" log and, signed and chained, to the outbox
/// (diag/audit_record.hpp), so it reaches the central network like a read.

#include <functional>
#include <string>

namespace anpr::diag {

struct AuditEvent {
    enum class Kind {
        connected,     ///< a client connected (account still unknown)
        refused,       ///< turned away: too many clients, or its address is locked
        login,         ///< logged in as `account`
        login_failed,  ///< wrong name or password, or a locked account; `detail` says which
        command,       ///< `command` run by `account`; `ok` and `detail` give the outcome
        closed,        ///< the session ended; `detail`: "logout", "idle", "line too long", ...
    };
    Kind kind = Kind::connected;
    std::string peer;     ///< "address:port"
    std::string account;  ///< empty before login; for login_failed, the name tried
    std::string command;  ///< the line as received, cut to 200 bytes, non-printables escaped
    bool ok = true;
    std::string detail;  ///< first line of the reply or reason, cut to 200 bytes
};

const char* kind_name(AuditEvent::Kind kind);

/// Called from the shell's threads, one event at a time per session, possibly
/// several sessions at once: must be thread-safe and must not block long.
using AuditSink = std::function<void(const AuditEvent& event)>;

}  // namespace anpr::diag
