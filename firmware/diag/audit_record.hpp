#pragma once
/// The audit record: one shell event as the unit sends it to the central
/// network, signed and chained like its reads. Schema "anpr.audit/1":
/// docs/audit-record-1.schema.json and docs/diagnostics.md.

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "diag/audit_event.hpp"
#include "uplink/read_record.hpp"

namespace anpr::diag {

inline constexpr const char* kAuditRecordSchema = "anpr.audit/1";

/// `event`'s record, numbered `seq`, without the signature fields that
/// evidence::sign_record adds.
nlohmann::ordered_json audit_record(const uplink::RecordOrigin& origin, const AuditEvent& event,
                                    std::uint64_t seq, std::chrono::system_clock::time_point when);

}  // namespace anpr::diag
