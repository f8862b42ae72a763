#include "app/audit_trail.hpp"

#include "diag/audit_record.hpp"
#include "logging/logging.hpp"

namespace anpr::app {

AuditTrail::AuditTrail(const RecordMaker& maker, uplink::Outbox& outbox, uplink::Uplink* sender)
    : maker_(maker), outbox_(outbox), sender_(sender), log_(logging::logger("audit")) {}

void AuditTrail::record(const diag::AuditEvent& event) {
    // No account: a connection that has not logged in (and its lines), which
    // a port scan or a flood makes by the thousand. A failed login names the
    // account tried, so it is stored.
    const bool anonymous = event.account.empty();
    log_->info("{} {} account '{}'{}{}: {}{}", diag::kind_name(event.kind), event.peer,
               event.account, event.command.empty() ? "" : " command '",
               event.command.empty() ? "" : event.command + "'", event.ok ? "ok" : "refused",
               event.detail.empty() ? "" : " (" + event.detail + ")");
    if (anonymous) return;
    const auto when = std::chrono::system_clock::now();
    const auto added = outbox_.add(uplink::Lane::priority, maker_.sign([&](std::uint64_t seq) {
        return diag::audit_record(maker_.origin(), event, seq, when);
    }));
    if (added.kind != uplink::AddOutcome::Kind::stored) {
        ++not_stored_;
        log_->error("audit record not stored: {}", added.message);
        return;
    }
    ++stored_;
    // The ordinary wake: an audit record is no alert and must not cut short
    // the uplink's pause after failures (a busy client would hammer the
    // network).
    if (sender_) sender_->wake(uplink::Lane::ordinary);
}

}  // namespace anpr::app
