// Audit records as the receiver takes them: signed and chained like reads,
// valid against docs/audit-record-1.schema.json, whatever a client sent.
#include "diag/audit_record.hpp"

#include <gtest/gtest.h>

#include "evidence/record_chain.hpp"
#include "evidence/signing_key.hpp"
#include "receiver/record_check.hpp"
#include "receiver/schema_registry.hpp"
#include "temp_dir.hpp"

namespace anpr::diag {
namespace {

using json = nlohmann::json;

uplink::RecordOrigin origin() {
    uplink::RecordOrigin made;
    made.unit.id = "unit-7";
    made.unit.site = "n4-km3";
    made.firmware = "0.1.0";
    return made;
}

json signed_audit(const AuditEvent& event, std::uint64_t seq = 12) {
    static const auto key = evidence::SigningKey::generate().value();
    auto record = audit_record(origin(), event, seq, std::chrono::system_clock::now());
    auto signed_record =
        evidence::sign_record(std::move(record), evidence::kNoPrevHash, key).value();
    return json::parse(signed_record.text);
}

std::string problem(const json& record) {
    static const auto schemas = receiver::SchemaRegistry::load("docs").value();
    const auto checked = receiver::check_record(schemas, record);
    return checked ? "" : checked.error().message;
}

TEST(AuditRecordTest, EveryEventKindIsARecordTheReceiverTakes) {
    using Kind = AuditEvent::Kind;
    for (const auto kind : {Kind::connected, Kind::refused, Kind::login, Kind::login_failed,
                            Kind::command, Kind::closed}) {
        const auto record =
            signed_audit({kind, "127.0.0.1:40000", "tech", "outbox flush", true, "outbox empty"});
        EXPECT_EQ(problem(record), "") << kind_name(kind);
        EXPECT_EQ(record["schema"], "anpr.audit/1");
        EXPECT_EQ(record["id"], "unit-7/12");
        EXPECT_EQ(record["event"], kind_name(kind));
    }
}

TEST(AuditRecordTest, WhatAClientSentCannotBreakTheRecord) {
    const auto record = signed_audit({AuditEvent::Kind::command, "127.0.0.1:40000", "",
                                      "l\xff\xfeg\"in\\", false, "bad \xc3 line"});
    EXPECT_EQ(problem(record), "");
    EXPECT_EQ(record["command"], "l\xEF\xBF\xBD\xEF\xBF\xBDg\"in\\");
    EXPECT_EQ(record["ok"], false);
}

TEST(AuditRecordTest, TheReceiverRefusesAnAlteredOne) {
    auto record =
        signed_audit({AuditEvent::Kind::login, "127.0.0.1:1", "tech", "login tech", true, ""});
    record["event"] = "reboot";
    EXPECT_NE(problem(record).find("/event"), std::string::npos);
    record["event"] = "login";
    record["extra"] = 1;
    EXPECT_NE(problem(record), "");
}

}  // namespace
}  // namespace anpr::diag
