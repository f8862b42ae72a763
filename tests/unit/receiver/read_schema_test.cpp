// The real record schemas, docs/read-record.schema.json and
// docs/read-record-2.schema.json, through the receiver's checks, and against
// Python's jsonschema as a second opinion.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "receiver/record_check.hpp"
#include "receiver/schema_registry.hpp"
#include "sample_record.hpp"
#include "temp_dir.hpp"

namespace anpr::receiver {
namespace {

using nlohmann::json;
using testing::sample_hit;
using testing::sample_record;
using testing::sample_record_2;

const SchemaRegistry& schemas() {
    static const SchemaRegistry loaded = [] {
        auto registry = SchemaRegistry::load("docs");
        if (!registry) throw std::runtime_error(registry.error().message);
        return std::move(registry).value();
    }();
    return loaded;
}

/// "" when the record is accepted, else why not.
std::string problem(const json& record) {
    const auto checked = check_record(schemas(), record);
    return checked ? "" : checked.error().message;
}

json changed(const std::function<void(json&)>& change) {
    json record = sample_record();
    change(record);
    return record;
}

/// sample_record_2 with sample_hit as its one hit, then `change`d.
json hit_changed(const std::function<void(json&)>& change) {
    json record = sample_record_2();
    record["hits"] = {sample_hit()};
    change(record);
    return record;
}

TEST(ReceiverReadSchemaTest, SampleRecordIsAccepted) {
    const auto checked = check_record(schemas(), sample_record(42));
    ASSERT_TRUE(checked.ok()) << checked.error().message;
    EXPECT_EQ(checked.value().id, "unit-0001/42");
    EXPECT_EQ(checked.value().schema, "anpr.read/1");
    EXPECT_EQ(checked.value().unit, "unit-0001");
    EXPECT_EQ(checked.value().seq, 42);
    EXPECT_EQ(json::parse(checked.value().body), sample_record(42));
}

TEST(ReceiverReadSchemaTest, BrokenRecordsAreRejectedWithPathAndRule) {
    EXPECT_EQ(problem(changed([](json& r) { r["text"] = "1abc123"; })),
              "/text: does not match pattern ^[A-Z0-9]{1,16}$");
    EXPECT_EQ(problem(changed([](json& r) { r.erase("site"); })),
              "/site: required property is missing");
    EXPECT_EQ(problem(changed([](json& r) { r["colour"] = "red"; })),
              "/colour: property is not allowed (additionalProperties: false)");
    EXPECT_EQ(problem(changed([](json& r) {
                  r["seq"] = 0;
                  r["id"] = "unit-0001/0";
              })),
              "/id: does not match pattern ^[A-Za-z0-9._-]{1,64}/[1-9][0-9]{0,18}$");
    EXPECT_EQ(problem(changed([](json& r) {
                  r["best"]["box"] = {1, 2, 3};
              })),
              "/best/box: has 3 items, fewer than minItems 4");
    EXPECT_EQ(problem(changed([](json& r) { r["candidates"][1]["confidence"] = 1.5; })),
              "/candidates/1/confidence: is greater than maximum 1");
    EXPECT_EQ(problem(changed([](json& r) { r["kind"] = "parked"; })),
              R"(/kind: must be one of "passage", "still")");
    EXPECT_EQ(problem(changed([](json& r) { r["last"]["captured_utc"] = "2026-11-29 10:24"; })),
              "/last/captured_utc: does not match pattern "
              "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$");
    EXPECT_EQ(problem(changed([](json& r) { r["frames_read"] = 2.5; })),
              "/frames_read: expected type integer, got number");
    EXPECT_EQ(problem(changed([](json& r) { r["best_crop_jpeg"] = std::string(21849, 'A'); })),
              "/best_crop_jpeg: has 21849 characters, more than maxLength 21848");
}

TEST(ReceiverReadSchemaTest, VersionTwoRecordWithHitsIsAcceptedAndItsHitsShown) {
    const auto plain = check_record(schemas(), sample_record_2());
    ASSERT_TRUE(plain.ok()) << plain.error().message;
    EXPECT_TRUE(plain.value().hits.empty());

    const json record = hit_changed([](json& r) {
        json exact = sample_hit();
        exact["plate"] = exact["matched_text"] = "1ABC123";
        exact["match"] = "exact";
        exact["substitutions"] = json::array();
        exact["country"] = "";
        exact["category"] = "watch";
        exact["priority"] = 9;
        r["hits"].push_back(exact);
    });
    const auto checked = check_record(schemas(), record);
    ASSERT_TRUE(checked.ok()) << checked.error().message;
    ASSERT_EQ(checked.value().hits.size(), 2u);
    EXPECT_EQ(checked.value().hits[0].plate, "1ABC128");
    EXPECT_EQ(checked.value().hits[0].category, "stolen_vehicle");
    EXPECT_EQ(checked.value().hits[0].priority, "1");
    EXPECT_EQ(checked.value().hits[1].category, "watch");
    EXPECT_EQ(json::parse(checked.value().body), record);
}

TEST(ReceiverReadSchemaTest, BrokenHitsAreRejectedWithPathAndRule) {
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["category"] = "parking"; })),
              R"(/hits/0/category: must be one of "stolen_vehicle", "wanted_person", )"
              R"("no_insurance", "no_technical_inspection", "low_emission_zone", "watch")");
    EXPECT_EQ(
        problem(hit_changed([](json& r) { r["hits"][0]["substitutions"][0]["read"] = "33"; })),
        "/hits/0/substitutions/0/read: does not match pattern ^[A-Z0-9]$");
    EXPECT_EQ(
        problem(hit_changed([](json& r) { r["hits"][0]["substitutions"][0]["listed"] = "b"; })),
        "/hits/0/substitutions/0/listed: does not match pattern ^[A-Z0-9]$");
    EXPECT_EQ(
        problem(hit_changed([](json& r) { r["hits"][0]["substitutions"][0].erase("listed"); })),
        "/hits/0/substitutions/0/listed: required property is missing");
    EXPECT_EQ(
        problem(hit_changed([](json& r) { r["hits"][0]["substitutions"][0]["position"] = -1; })),
        "/hits/0/substitutions/0/position: is less than minimum 0");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["substitutions"][0]["why"] = "O"; })),
              "/hits/0/substitutions/0/why: property is not allowed (additionalProperties: false)");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["priority"] = 0; })),
              "/hits/0/priority: is less than minimum 1");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["priority"] = 10; })),
              "/hits/0/priority: is greater than maximum 9");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["list_version"] = 0; })),
              "/hits/0/list_version: is less than minimum 1");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["match"] = "fuzzy"; })),
              R"(/hits/0/match: must be one of "exact", "look-alike")");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["plate"] = "1-ABC-128"; })),
              "/hits/0/plate: does not match pattern ^[A-Z0-9]{1,16}$");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["country"] = "BEL1"; })),
              "/hits/0/country: has 4 characters, more than maxLength 3");
    EXPECT_EQ(problem(hit_changed(
                  [](json& r) { r["hits"][0]["expires_utc"] = "2026-12-06T10:00:00.000Z"; })),
              "/hits/0/expires_utc: does not match pattern "
              "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0]["action"] = std::string(501, 'a'); })),
              "/hits/0/action: has 501 characters, more than maxLength 500");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"][0].erase("matched_text"); })),
              "/hits/0/matched_text: required property is missing");
    EXPECT_EQ(problem(hit_changed([](json& r) { r["hits"] = json::array(); })),
              "/hits: has 0 items, fewer than minItems 1");
    EXPECT_EQ(
        problem(hit_changed([](json& r) { r["hits"] = std::vector<json>(17, sample_hit()); })),
        "/hits: has 17 items, more than maxItems 16");
    EXPECT_EQ(problem(changed([](json& r) { r["hits"] = {sample_hit()}; })),
              "/hits: property is not allowed (additionalProperties: false)")
        << "version 1 has no hits";
}

TEST(ReceiverReadSchemaTest, UnknownOrMissingSchemaIsRejected) {
    EXPECT_EQ(problem(changed([](json& r) { r["schema"] = "anpr.read/9"; })),
              R"(/schema: unknown schema "anpr.read/9")");
    EXPECT_EQ(problem(changed([](json& r) { r.erase("schema"); })),
              "/schema: required property is missing");
    EXPECT_EQ(problem(json::array()), "(root): expected type object, got array");
}

TEST(ReceiverReadSchemaTest, IdMustBeUnitSlashSeq) {
    EXPECT_EQ(problem(changed([](json& r) { r["id"] = "unit-0001/2"; })),
              R"(/id: must be "<unit>/<seq>", here "unit-0001/1")");
    EXPECT_EQ(problem(changed([](json& r) { r["id"] = "unit-0002/1"; })),
              R"(/id: must be "<unit>/<seq>", here "unit-0001/1")");
}

TEST(ReceiverReadSchemaTest, SeqBeyondSixtyFourBitsIsRejected) {
    const json record = changed([](json& r) {
        r["seq"] = 9'999'999'999'999'999'999u;
        r["id"] = "unit-0001/9999999999999999999";
    });
    EXPECT_EQ(problem(record), "/seq: is not a whole number that fits 64 bits");
}

TEST(ReceiverReadSchemaTest, AnotherSchemaCanBeRegisteredByName) {
    const anpr::testing::TempDir dir;
    dir.write("alert.schema.json", R"({"type": "object", "required": ["schema"],
        "properties": {"schema": {"const": "anpr.alert/1"}}})");
    auto registry = SchemaRegistry::load(dir.path(), {{"anpr.alert/1", "alert.schema.json"}});
    ASSERT_TRUE(registry.ok()) << registry.error().message;
    const auto alert = check_record(registry.value(), {{"schema", "anpr.alert/1"}, {"id", "a-1"}});
    ASSERT_TRUE(alert.ok()) << alert.error().message;
    EXPECT_EQ(alert.value().unit, std::nullopt);
    EXPECT_EQ(alert.value().seq, std::nullopt);
    EXPECT_FALSE(check_record(registry.value(), sample_record()).ok());  // not registered here
    // Every record needs a string id, whatever its schema says.
    EXPECT_EQ(
        check_record(registry.value(), {{"schema", "anpr.alert/1"}, {"id", 7}}).error().message,
        "/id: every record needs a string id (its idempotency key)");
}

TEST(ReceiverReadSchemaTest, MissingSchemaFileIsALoadErrorNamingIt) {
    const anpr::testing::TempDir dir;
    const auto registry = SchemaRegistry::load(dir.path());
    ASSERT_FALSE(registry.ok());
    // The first schema by name: the audit record's.
    EXPECT_NE(registry.error().message.find("anpr.audit/1: cannot open schema file '"),
              std::string::npos);
    EXPECT_NE(registry.error().message.find("audit-record-1.schema.json"), std::string::npos);
}

constexpr const char* kPython = "/usr/bin/python3";

bool python_has_jsonschema() {
    return std::system((std::string(kPython) + " -c 'import jsonschema' 2>/dev/null").c_str()) == 0;
}

/// Python's jsonschema must agree with the receiver on each of `records`
/// against `schema_file`: the validator here implements the same rules.
void expect_python_agrees(const std::string& schema_file, const std::vector<json>& records) {
    const anpr::testing::TempDir dir;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto file = dir.write("record.json", records[i].dump());
        const std::string command =
            std::string(kPython) +
            " -c 'import json, sys, jsonschema\n"
            "schema = json.load(open(sys.argv[1]))\n"
            "record = json.load(open(sys.argv[2]))\n"
            "sys.exit(1 if list(jsonschema.Draft202012Validator(schema).iter_errors(record)) "
            "else 0)' " +
            schema_file + " " + file.string();
        const bool python_accepts = std::system(command.c_str()) == 0;
        const bool we_accept = problem(records[i]).empty();
        EXPECT_EQ(we_accept, python_accepts) << "record " << i << ": " << problem(records[i]);
    }
}

TEST(ReceiverReadSchemaTest, PythonJsonschemaAgrees) {
    if (!python_has_jsonschema()) GTEST_SKIP() << kPython << " with jsonschema is not installed";
    expect_python_agrees("docs/read-record.schema.json",
                         {
                             sample_record(),
                             changed([](json& r) { r["text"] = "1abc123"; }),
                             changed([](json& r) { r.erase("models"); }),
                             changed([](json& r) { r["position"]["lat"] = 91; }),
                             changed([](json& r) {
                                 r["first"]["box"] = {1, 2, 3, 4, 5};
                             }),
                             changed([](json& r) { r["direction"] = "sideways"; }),
                             changed([](json& r) {
                                 r["seq"] = 3.0;
                                 r["id"] = "unit-0001/3";
                             }),
                             changed([](json& r) { r["country"] = ""; }),
                         });
    EXPECT_TRUE(problem(sample_record()).empty());
}

TEST(ReceiverReadSchemaTest, PythonJsonschemaAgreesOnHits) {
    if (!python_has_jsonschema()) GTEST_SKIP() << kPython << " with jsonschema is not installed";
    expect_python_agrees(
        "docs/read-record-2.schema.json",
        {
            sample_record_2(),
            hit_changed([](json&) {}),
            hit_changed([](json& r) { r["hits"][0]["category"] = "parking"; }),
            hit_changed([](json& r) { r["hits"][0]["priority"] = 10; }),
            hit_changed([](json& r) { r["hits"][0]["country"] = ""; }),
            hit_changed([](json& r) { r["hits"][0]["substitutions"] = json::array(); }),
            hit_changed([](json& r) { r["hits"][0]["substitutions"][0]["read"] = ""; }),
            hit_changed([](json& r) { r["hits"][0].erase("action"); }),
            hit_changed([](json& r) { r["hits"][0]["extra"] = 1; }),
            hit_changed([](json& r) { r["hits"] = json::array(); }),
        });
    EXPECT_TRUE(problem(hit_changed([](json&) {})).empty());
}

}  // namespace
}  // namespace anpr::receiver
