#include "diag/audit_record.hpp"

#include "uplink/read_json.hpp"

namespace anpr::diag {

nlohmann::ordered_json audit_record(const uplink::RecordOrigin& origin, const AuditEvent& event,
                                    std::uint64_t seq, std::chrono::system_clock::time_point when) {
    // What a client sent need not be UTF-8; a record (and its signature) must be.
    return nlohmann::ordered_json{
        {"schema", kAuditRecordSchema},
        {"id", uplink::record_id(origin.unit.id, seq)},
        {"seq", seq},
        {"unit", origin.unit.id},
        {"site", origin.unit.site},
        {"event", kind_name(event.kind)},
        {"peer", uplink::valid_utf8(event.peer)},
        {"account", uplink::valid_utf8(event.account)},
        {"command", uplink::valid_utf8(event.command)},
        {"ok", event.ok},
        {"detail", uplink::valid_utf8(event.detail)},
        {"produced_utc", uplink::iso8601_utc(when)},
        {"firmware", origin.firmware},
    };
}

}  // namespace anpr::diag
