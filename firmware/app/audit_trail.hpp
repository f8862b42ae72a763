#pragma once
/// Where the diagnostics shell's audit events go: every one to the "audit"
/// log, and each as a signed record in the outbox's priority lane, so that it
/// reaches the central network like a read and retention never deletes it
/// undelivered. Events without an account (a connection that has not logged
/// in, its lines, its end, a client turned away) are logged, not stored, so
/// that a port scan or a flood cannot fill the outbox; a failed login names
/// the account tried and is stored.

#include <memory>

#include "app/record_maker.hpp"
#include "core/counter.hpp"
#include "diag/audit_event.hpp"
#include "uplink/outbox.hpp"
#include "uplink/uplink.hpp"

namespace spdlog {
class logger;
}

namespace anpr::app {

class AuditTrail {
  public:
    /// `sender` may be null (no uplink).
    AuditTrail(const RecordMaker& maker, uplink::Outbox& outbox, uplink::Uplink* sender);

    /// Thread-safe: the shell's sessions call it at once.
    void record(const diag::AuditEvent& event);
    diag::AuditSink sink() {
        return [this](const diag::AuditEvent& event) { record(event); };
    }

    std::uint64_t stored() const { return stored_.load(); }
    std::uint64_t not_stored() const { return not_stored_.load(); }  ///< outbox full or failed

  private:
    const RecordMaker& maker_;
    uplink::Outbox& outbox_;
    uplink::Uplink* sender_;
    std::shared_ptr<spdlog::logger> log_;
    core::Counter stored_;
    core::Counter not_stored_;
};

}  // namespace anpr::app
