// The real record schema, docs/read-record.schema.json, through the receiver's
// checks, and against Python's jsonschema as a second opinion.
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
using testing::sample_record;

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
    EXPECT_NE(registry.error().message.find("anpr.read/1: cannot open schema file '"),
              std::string::npos);
    EXPECT_NE(registry.error().message.find("read-record.schema.json"), std::string::npos);
}

// Python's jsonschema, where installed, must agree on the sample and on
// broken copies of it: the validator here implements the same rules.
TEST(ReceiverReadSchemaTest, PythonJsonschemaAgrees) {
    constexpr const char* kPython = "/usr/bin/python3";
    if (std::system((std::string(kPython) + " -c 'import jsonschema' 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << kPython << " with jsonschema is not installed";
    const anpr::testing::TempDir dir;
    const std::vector<json> records = {
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
    };
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto file = dir.write("record.json", records[i].dump());
        const std::string command =
            std::string(kPython) +
            " -c 'import json, sys, jsonschema\n"
            "schema = json.load(open(sys.argv[1]))\n"
            "record = json.load(open(sys.argv[2]))\n"
            "sys.exit(1 if list(jsonschema.Draft202012Validator(schema).iter_errors(record)) "
            "else 0)' docs/read-record.schema.json " +
            file.string();
        const bool python_accepts = std::system(command.c_str()) == 0;
        const bool we_accept = problem(records[i]).empty();
        EXPECT_EQ(we_accept, python_accepts) << "record " << i << ": " << problem(records[i]);
    }
    EXPECT_TRUE(problem(records[0]).empty());
}

}  // namespace
}  // namespace anpr::receiver
