#include "receiver/json_schema.hpp"

#include <gtest/gtest.h>

#include <string>

#include "temp_dir.hpp"

namespace anpr::receiver {
namespace {

using nlohmann::json;

JsonSchema compiled(const json& document) {
    auto schema = JsonSchema::compile(document);
    EXPECT_TRUE(schema.ok()) << schema.error().message;
    return std::move(schema).value();
}

/// "" when `instance` is valid, else the validator's message.
std::string problem(const json& schema, const json& instance) {
    const auto status = compiled(schema).validate(instance);
    return status ? "" : status.error().message;
}

std::string load_error(const json& schema) {
    const auto loaded = JsonSchema::compile(schema);
    return loaded ? "" : loaded.error().message;
}

TEST(ReceiverJsonSchemaTest, TypeNamesTheExpectedAndTheFoundType) {
    const json schema = {{"type", "string"}};
    EXPECT_EQ(problem(schema, "x"), "");
    EXPECT_EQ(problem(schema, 5), "(root): expected type string, got integer");
    EXPECT_EQ(problem(schema, nullptr), "(root): expected type string, got null");
    EXPECT_EQ(problem({{"type", {"string", "null"}}}, nullptr), "");
    EXPECT_EQ(problem({{"type", {"string", "null"}}}, true),
              "(root): expected type string or null, got boolean");
}

TEST(ReceiverJsonSchemaTest, IntegerIsAWholeNumber) {
    const json schema = {{"type", "integer"}};
    EXPECT_EQ(problem(schema, 3), "");
    EXPECT_EQ(problem(schema, -3), "");
    EXPECT_EQ(problem(schema, 3.0), "");
    EXPECT_EQ(problem(schema, 3.5), "(root): expected type integer, got number");
    EXPECT_EQ(problem({{"type", "number"}}, 3), "");
    EXPECT_EQ(problem({{"type", "number"}}, 3.5), "");
    EXPECT_EQ(problem({{"type", "number"}}, "3"), "(root): expected type number, got string");
}

TEST(ReceiverJsonSchemaTest, EveryTypeName) {
    for (const auto& [type, value] :
         std::initializer_list<std::pair<const char*, json>>{{"object", json::object()},
                                                             {"array", json::array()},
                                                             {"string", ""},
                                                             {"integer", 0},
                                                             {"number", 0.5},
                                                             {"boolean", false},
                                                             {"null", nullptr}}) {
        EXPECT_EQ(problem({{"type", type}}, value), "") << type;
        EXPECT_NE(problem({{"type", type}}, type == std::string("string") ? json(1) : json("s")),
                  "")
            << type;
    }
}

TEST(ReceiverJsonSchemaTest, ConstAndEnum) {
    EXPECT_EQ(problem({{"const", "anpr.read/1"}}, "anpr.read/1"), "");
    EXPECT_EQ(problem({{"const", "anpr.read/1"}}, "anpr.read/2"),
              R"((root): must be "anpr.read/1")");
    EXPECT_EQ(problem({{"enum", {"passage", "still"}}}, "still"), "");
    EXPECT_EQ(problem({{"enum", {"passage", "still"}}}, "parked"),
              R"((root): must be one of "passage", "still")");
    EXPECT_EQ(problem({{"enum", {1, 2}}}, 2.0), "");
}

TEST(ReceiverJsonSchemaTest, RequiredNamesWhereTheMissingPropertyBelongs) {
    const json schema = {{"type", "object"},
                         {"properties", {{"plate", {{"required", {"text", "country"}}}}}}};
    EXPECT_EQ(problem(schema, {{"plate", {{"text", "A"}, {"country", "BE"}}}}), "");
    EXPECT_EQ(problem(schema, {{"plate", {{"text", "A"}}}}),
              "/plate/country: required property is missing");
}

TEST(ReceiverJsonSchemaTest, PropertiesAndAdditionalProperties) {
    const json closed = {{"properties", {{"a", {{"type", "integer"}}}}},
                         {"additionalProperties", false}};
    EXPECT_EQ(problem(closed, {{"a", 1}}), "");
    EXPECT_EQ(problem(closed, {{"a", "x"}}), "/a: expected type integer, got string");
    EXPECT_EQ(problem(closed, {{"a", 1}, {"b", 2}}),
              "/b: property is not allowed (additionalProperties: false)");
    const json typed = {{"properties", json::object()},
                        {"additionalProperties", {{"type", "string"}}}};
    EXPECT_EQ(problem(typed, {{"b", "x"}}), "");
    EXPECT_EQ(problem(typed, {{"b", 2}}), "/b: expected type string, got integer");
    // Without additionalProperties any other property is allowed.
    EXPECT_EQ(problem({{"properties", {{"a", {{"type", "integer"}}}}}}, {{"b", "x"}}), "");
}

TEST(ReceiverJsonSchemaTest, PointerEscapesSlashAndTilde) {
    const json schema = {{"additionalProperties", false}};
    EXPECT_EQ(problem(schema, {{"a/b~c", 1}}),
              "/a~1b~0c: property is not allowed (additionalProperties: false)");
}

TEST(ReceiverJsonSchemaTest, ItemsAndTheirCount) {
    const json schema = {{"type", "array"},
                         {"minItems", 2},
                         {"maxItems", 3},
                         {"items", {{"type", "integer"}, {"minimum", 0}}}};
    EXPECT_EQ(problem(schema, {1, 2}), "");
    EXPECT_EQ(problem(schema, {1}), "(root): has 1 items, fewer than minItems 2");
    EXPECT_EQ(problem(schema, {1, 2, 3, 4}), "(root): has 4 items, more than maxItems 3");
    EXPECT_EQ(problem(schema, {1, -2}), "/1: is less than minimum 0");
    EXPECT_EQ(problem({{"properties", {{"box", schema}}}}, {{"box", {1, 2, "x"}}}),
              "/box/2: expected type integer, got string");
}

TEST(ReceiverJsonSchemaTest, LengthCountsCharactersNotBytes) {
    const json schema = {{"minLength", 2}, {"maxLength", 3}};
    EXPECT_EQ(problem(schema, "ab"), "");
    EXPECT_EQ(problem(schema, "a"), "(root): has 1 characters, fewer than minLength 2");
    EXPECT_EQ(problem(schema, "abcd"), "(root): has 4 characters, more than maxLength 3");
    EXPECT_EQ(problem(schema, "\xC3\xA9\xC3\xA9\xC3\xA9"), "");  // "ééé": 3 characters, 6 bytes
    // Length keywords apply to strings only.
    EXPECT_EQ(problem(schema, 12345), "");
}

TEST(ReceiverJsonSchemaTest, PatternIsSearchedAsWritten) {
    EXPECT_EQ(problem({{"pattern", "^[A-Z0-9]{1,16}$"}}, "1ABC123"), "");
    EXPECT_EQ(problem({{"pattern", "^[A-Z0-9]{1,16}$"}}, "1abc123"),
              "(root): does not match pattern ^[A-Z0-9]{1,16}$");
    // Not anchored unless the pattern says so, as JSON Schema has it.
    EXPECT_EQ(problem({{"pattern", "B"}}, "ABC"), "");
    EXPECT_EQ(problem({{"pattern", "^B"}}, "ABC"), "(root): does not match pattern ^B");
    EXPECT_EQ(problem({{"pattern", "^A$"}}, "A\n"), "(root): does not match pattern ^A$");
}

TEST(ReceiverJsonSchemaTest, LongStringAgainstAPatternFailsWithoutRunningTheRegex) {
    const json schema = {{"pattern", "^[a-z]*$"}};
    const std::string at_limit(JsonSchema::kMaxPatternInput, 'a');
    EXPECT_EQ(problem(schema, at_limit), "");
    EXPECT_EQ(problem(schema, std::string(1'000'000, 'a')),
              "(root): is longer than 4096 bytes, too long to check against pattern ^[a-z]*$");
    // Without a pattern, length is no problem.
    EXPECT_EQ(problem({{"type", "string"}}, std::string(1'000'000, 'a')), "");
}

TEST(ReceiverJsonSchemaTest, MinimumAndMaximumAreInclusive) {
    const json schema = {{"minimum", -90}, {"maximum", 90.5}};
    EXPECT_EQ(problem(schema, -90), "");
    EXPECT_EQ(problem(schema, 90.5), "");
    EXPECT_EQ(problem(schema, -90.01), "(root): is less than minimum -90");
    EXPECT_EQ(problem(schema, 91), "(root): is greater than maximum 90.5");
    EXPECT_EQ(problem(schema, "1000"), "");  // bounds apply to numbers only
}

TEST(ReceiverJsonSchemaTest, RefUsesTheRootDefs) {
    const json schema = {
        {"$defs", {{"confidence", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}}},
        {"properties", {{"confidence", {{"$ref", "#/$defs/confidence"}}}}}};
    EXPECT_EQ(problem(schema, {{"confidence", 0.5}}), "");
    EXPECT_EQ(problem(schema, {{"confidence", 1.5}}), "/confidence: is greater than maximum 1");
}

TEST(ReceiverJsonSchemaTest, RefAppliesBesideItsSiblings) {
    const json schema = {
        {"$defs", {{"text", {{"type", "string"}}}}}, {"$ref", "#/$defs/text"}, {"maxLength", 2}};
    EXPECT_EQ(problem(schema, 5), "(root): expected type string, got integer");
    EXPECT_EQ(problem(schema, "abc"), "(root): has 3 characters, more than maxLength 2");
}

TEST(ReceiverJsonSchemaTest, RecursiveRefStopsAtTheDepthLimit) {
    const json schema = {
        {"$defs", {{"node", {{"properties", {{"next", {{"$ref", "#/$defs/node"}}}}}}}}},
        {"$ref", "#/$defs/node"}};
    json shallow = json::object();
    for (int i = 0; i < 10; ++i) shallow = {{"next", shallow}};
    EXPECT_EQ(problem(schema, shallow), "");
    json deep = json::object();
    for (int i = 0; i < 1000; ++i) deep = {{"next", deep}};
    EXPECT_NE(problem(schema, deep).find("nested deeper than 128 schema levels"),
              std::string::npos);
    // A $ref to itself, going nowhere, is caught the same way.
    EXPECT_NE(
        problem({{"$defs", {{"loop", {{"$ref", "#/$defs/loop"}}}}}, {"$ref", "#/$defs/loop"}}, 1)
            .find("nested deeper"),
        std::string::npos);
}

TEST(ReceiverJsonSchemaTest, BooleanSchemas) {
    EXPECT_EQ(problem(true, {{"anything", 1}}), "");
    EXPECT_EQ(problem(false, 1), "(root): is not allowed (false schema)");
    EXPECT_EQ(problem({{"properties", {{"gone", false}}}}, {{"gone", 1}}),
              "/gone: is not allowed (false schema)");
    EXPECT_EQ(problem({{"items", false}}, json::array()), "");
}

TEST(ReceiverJsonSchemaTest, AnnotationsAreIgnored) {
    EXPECT_EQ(load_error({{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                          {"$id", "https://example/x"},
                          {"title", "t"},
                          {"description", "d"},
                          {"contentEncoding", "base64"},
                          {"contentMediaType", "image/jpeg"}}),
              "");
}

TEST(ReceiverJsonSchemaTest, UnsupportedKeywordIsALoadErrorNamingIt) {
    EXPECT_EQ(load_error({{"properties", {{"when", {{"type", "string"}, {"format", "date"}}}}}}),
              "schema /properties/when/format: unsupported keyword 'format'");
    EXPECT_EQ(load_error({{"oneOf", json::array()}}), "schema /oneOf: unsupported keyword 'oneOf'");
    // $defs is understood at the root only, where "#/$defs/NAME" points.
    EXPECT_EQ(load_error({{"properties", {{"a", {{"$defs", json::object()}}}}}}),
              "schema /properties/a/$defs: unsupported keyword '$defs'");
}

TEST(ReceiverJsonSchemaTest, MalformedKeywordValuesAreLoadErrors) {
    EXPECT_EQ(load_error({{"type", "text"}}), R"(schema /type: unknown type "text")");
    EXPECT_EQ(load_error({{"minLength", -1}}), "schema /minLength: must be a non-negative integer");
    EXPECT_EQ(load_error({{"maxItems", 1.5}}), "schema /maxItems: must be a non-negative integer");
    EXPECT_EQ(load_error({{"minimum", "0"}}), "schema /minimum: must be a number");
    EXPECT_EQ(load_error({{"enum", json::array()}}), "schema /enum: must be a non-empty array");
    EXPECT_EQ(load_error({{"required", {1}}}),
              "schema /required: must be an array of property names");
    EXPECT_EQ(load_error({{"items", 5}}), "schema /items: a schema must be an object or boolean");
    EXPECT_EQ(load_error({{"$ref", "#/$defs/missing"}}),
              "schema /$ref: no $defs entry named 'missing'");
    EXPECT_EQ(load_error({{"$ref", "other.json#/x"}}),
              R"(schema /$ref: only "#/$defs/NAME" references are supported)");
    EXPECT_NE(load_error({{"pattern", "([A-Z"}}).find("schema /pattern: invalid pattern ([A-Z"),
              std::string::npos);
}

TEST(ReceiverJsonSchemaTest, LoadNamesTheFile) {
    const anpr::testing::TempDir dir;
    const auto broken = dir.write("broken.json", "{\"type\": ");
    const auto load_broken = JsonSchema::load(broken);
    ASSERT_FALSE(load_broken.ok());
    EXPECT_NE(load_broken.error().message.find(broken.string() + "' is not JSON"),
              std::string::npos);
    const auto unsupported = dir.write("unsupported.json", R"({"format": "uri"})");
    const auto load_unsupported = JsonSchema::load(unsupported);
    ASSERT_FALSE(load_unsupported.ok());
    EXPECT_EQ(
        load_unsupported.error().message,
        "schema file '" + unsupported.string() + "': schema /format: unsupported keyword 'format'");
    EXPECT_FALSE(JsonSchema::load(dir.path() / "missing.json").ok());
}

}  // namespace
}  // namespace anpr::receiver
