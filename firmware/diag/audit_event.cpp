#include "diag/audit_event.hpp"

namespace anpr::diag {

const char* kind_name(AuditEvent::Kind kind) {
    switch (kind) {
        case AuditEvent::Kind::connected:
            return "connected";
        case AuditEvent::Kind::refused:
            return "refused";
        case AuditEvent::Kind::login:
            return "login";
        case AuditEvent::Kind::login_failed:
            return "login_failed";
        case AuditEvent::Kind::command:
            return "command";
        case AuditEvent::Kind::closed:
            return "closed";
    }
    return "unknown";
}

}  // namespace anpr::diag
