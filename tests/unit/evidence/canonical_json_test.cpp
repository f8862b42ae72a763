#include "evidence/canonical_json.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <random>

namespace anpr::evidence {
namespace {

using nlohmann::json;

TEST(CanonicalJsonTest, SortsMembersAtEveryLevelWithoutWhitespace) {
    const auto value =
        json::parse(R"( { "b" : 1, "a" : { "d" : [ 3, { "f" : 1, "e" : 2 } ], "c" : "x" } } )");
    EXPECT_EQ(canonical_json(value), R"({"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1})");
}

TEST(CanonicalJsonTest, KeepsTheOrderOfArrays) {
    EXPECT_EQ(canonical_json(json::parse("[3,1,2]")), "[3,1,2]");
}

// The expected text is what Python writes for the same input with
// json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False):
// the recipe docs/evidence.md gives outside verifiers.
TEST(CanonicalJsonTest, IsWhatPythonsSortedCompactDumpsWrites) {
    const auto value =
        json::parse(R"({"b":[1,-2,18446744073709551615,-9223372036854775808,9223372036854775807,0],
 "a":{"z":0.996,"y":50.8466123,"x":4.3528,"w":1e-7,"v":1.0,"u":-0.0,"t":1e16,"s":1e15,"r":0.0001,
      "q":175.2825457,"p":123456789012345678.0,"o":5e-324,"n":1.7976931348623157e308,"m":0.1,
      "l":-37.1272202,"k":2.5E+3,"j":100,"i":1E2,"h":0.00001,"g":9999999999999998.0},
 "c":"\u00e9\u20ac\ud83d\ude00\"\\\n\t\b\f\r\u0001\u001f\u007f/<>&\u2028",
 "d":true,"e":false,"f":null,"":"empty name","\u00e9":1,"Z":[],"Y":{}})");
    const std::string expected =
        R"({"":"empty name","Y":{},"Z":[],"a":{"g":9999999999999998.0,"h":1e-05,"i":100.0,)"
        R"("j":100,"k":2500.0,"l":-37.1272202,"m":0.1,"n":1.7976931348623157e+308,"o":5e-324,)"
        R"("p":1.2345678901234568e+17,"q":175.2825457,"r":0.0001,"s":1000000000000000.0,)"
        R"("t":1e+16,"u":-0.0,"v":1.0,"w":1e-07,"x":4.3528,"y":50.8466123,"z":0.996},)"
        R"("b":[1,-2,18446744073709551615,-9223372036854775808,9223372036854775807,0],)"
        "\"c\":\"\u00e9\u20ac\U0001F600\\\"\\\\\\n\\t\\b\\f\\r\\u0001\\u001f\x7f/<>&\u2028\","
        R"("d":true,"e":false,"f":null,)"
        "\"\u00e9\":1}";
    EXPECT_EQ(canonical_json(value), expected);
}

// nlohmann's dump writes this coordinate as 175.28254569999999; another
// language writes the shortest form, and so must the canonical form.
TEST(CanonicalJsonTest, WritesTheShortestDigitsThatReadBack) {
    EXPECT_EQ(canonical_json(json(175.2825457)), "175.2825457");
    EXPECT_EQ(canonical_json(json(0.1 + 0.2)), "0.30000000000000004");
}

TEST(CanonicalJsonTest, WritesIntegersExactly) {
    EXPECT_EQ(canonical_json(json(std::numeric_limits<std::int64_t>::max())),
              "9223372036854775807");
    EXPECT_EQ(canonical_json(json(std::numeric_limits<std::int64_t>::min())),
              "-9223372036854775808");
    EXPECT_EQ(canonical_json(json(std::numeric_limits<std::uint64_t>::max())),
              "18446744073709551615");
}

TEST(CanonicalJsonTest, WritesJsonlessNumbersAsNull) {
    EXPECT_EQ(canonical_json(json(std::numeric_limits<double>::quiet_NaN())), "null");
    EXPECT_EQ(canonical_json(json(-std::numeric_limits<double>::infinity())), "null");
}

TEST(CanonicalJsonTest, RefusesStringsThatAreNotUtf8) {
    EXPECT_THROW(canonical_json(json{{"text", "\xff\xfe"}}), json::type_error);
}

TEST(CanonicalJsonTest, ARecordParsedFromItsOwnTextHasTheSameForm) {
    const json record = json::parse(R"({"seq":9223372036854775807,"confidence":0.996,
        "position":{"lat":50.8466123,"lon":4.3528},"tiny":1e-7,"n":-0.0,"text":"\u00e9\ud83d\ude00"})");
    const std::string form = canonical_json(record);
    EXPECT_EQ(canonical_json(json::parse(record.dump())), form);
    EXPECT_EQ(canonical_json(json::parse(form)), form);
}

// Every finite double: its canonical text reads back to the same bits, and
// reading and writing it again changes nothing.
TEST(CanonicalJsonTest, EveryDoubleRoundTrips) {
    std::mt19937_64 random(20261129);
    for (int i = 0; i < 20000; ++i) {
        const double value = std::bit_cast<double>(random());
        if (!std::isfinite(value)) continue;
        const std::string text = canonical_json(json(value));
        const json back = json::parse(text);
        ASSERT_TRUE(back.is_number_float()) << text;
        ASSERT_EQ(std::bit_cast<std::uint64_t>(back.get<double>()),
                  std::bit_cast<std::uint64_t>(value))
            << text;
        ASSERT_EQ(canonical_json(back), text);
    }
}

// The unit rounds degrees to 7 decimals and confidences to 3: such numbers
// are written with just their decimals.
TEST(CanonicalJsonTest, RoundedNumbersKeepTheirDecimals) {
    std::mt19937_64 random(7);
    std::uniform_int_distribution<std::int64_t> degrees(-1'800'000'000, 1'800'000'000);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t units = degrees(random);
        const double value = static_cast<double>(units) / 1e7;
        const std::string text = canonical_json(json(value));
        const auto point = text.find('.');
        if (text.find('e') != std::string::npos) continue;  // |x| < 1e-4
        ASSERT_NE(point, std::string::npos) << text;
        ASSERT_LE(text.size() - point - 1, 7u) << text;
    }
}

}  // namespace
}  // namespace anpr::evidence
