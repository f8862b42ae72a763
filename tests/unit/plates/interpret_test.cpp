#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "plates/plates.hpp"

namespace anpr::plates {
namespace {

/// One choice per slot, every one at `confidence`.
RawText raw_of(const std::string& text, float confidence = 0.9f) {
    RawText raw;
    for (char c : text) raw.slots.push_back({{{c, confidence}}});
    return raw;
}

PlatesConfig only(std::vector<std::string> countries) {
    PlatesConfig config;
    config.countries = std::move(countries);
    return config;
}

const Interpretation* find_text(const std::vector<Interpretation>& readings,
                                const std::string& text) {
    const auto it = std::find_if(readings.begin(), readings.end(),
                                 [&](const Interpretation& r) { return r.text == text; });
    return it == readings.end() ? nullptr : &*it;
}

TEST(InterpretTest, EmptyRawGivesNoReadings) {
    EXPECT_TRUE(interpret(RawText{}, PlatesConfig{}).empty());
}

TEST(InterpretTest, CleanReadFitsItsFormat) {
    const auto readings = interpret(raw_of("1ABC123"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC123");
    EXPECT_EQ(readings[0].display, "1-ABC-123");
    EXPECT_EQ(readings[0].country, "BE");
    EXPECT_EQ(readings[0].corrections, 0);
    EXPECT_NEAR(readings[0].confidence, 0.9f, 1e-4f);
}

TEST(InterpretTest, LookAlikeLetterBecomesTheDigitTheFormatNeeds) {
    const auto readings = interpret(raw_of("1ABC12B"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC128");
    EXPECT_EQ(readings[0].country, "BE");
    EXPECT_EQ(readings[0].corrections, 1);
    EXPECT_LT(readings[0].confidence, 0.9f);
}

TEST(InterpretTest, LookAlikeDigitBecomesTheLetterTheFormatNeeds) {
    const auto readings = interpret(raw_of("10BC123"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1OBC123");
    EXPECT_EQ(readings[0].display, "1-OBC-123");
}

TEST(InterpretTest, SlovakSerialNeedsDigits) {
    const auto readings = interpret(raw_of("RKO26AJ"), only({"SK", "DE"}));
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "RK026AJ");
    EXPECT_EQ(readings[0].display, "RK-026AJ");
    EXPECT_EQ(readings[0].country, "SK");
    EXPECT_EQ(readings[0].corrections, 1);
}

TEST(InterpretTest, SharedShapeGoesToTheCountryListedFirst) {
    // French SIV and Slovak plates are both LL999LL.
    const auto readings = interpret(raw_of("RKO26AJ"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "RK026AJ");
    EXPECT_EQ(readings[0].country, "FR");
    EXPECT_EQ(readings[0].display, "RK-026-AJ");
}

TEST(InterpretTest, CountryBandBeforeThePlateIsDropped) {
    // "RK755AJ" is a French shape too, and "SKRK755" a German one, but only the
    // Slovak reading explains the leading "SK".
    const auto readings = interpret(raw_of("SKRK755AJ"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "RK755AJ");
    EXPECT_EQ(readings[0].country, "SK");
    EXPECT_NEAR(readings[0].confidence, 0.9f, 1e-4f);
}

TEST(InterpretTest, ReadingThatExplainsTheBandWinsATie) {
    // French SIV and Slovak plates share one shape; the band read before the
    // text says which, whatever the country order.
    const auto slovak = interpret(raw_of("SKRK755AJ"), only({"FR", "SK"}));
    ASSERT_FALSE(slovak.empty());
    EXPECT_EQ(slovak[0].text, "RK755AJ");
    EXPECT_EQ(slovak[0].country, "SK");
    const auto french = interpret(raw_of("FRK755AJ"), only({"SK", "FR"}));
    ASSERT_FALSE(french.empty());
    EXPECT_EQ(french[0].text, "RK755AJ");
    EXPECT_EQ(french[0].country, "FR");

    const auto german = interpret(raw_of("DMAB1234"), only({"DE"}));
    ASSERT_FALSE(german.empty());
    EXPECT_EQ(german[0].text, "MAB1234");
    EXPECT_EQ(german[0].display, "M-AB 1234");
}

TEST(InterpretTest, EdgeNoiseIsDroppedAtACost) {
    RawText raw = raw_of("1ABC123");
    raw.slots.insert(raw.slots.begin(), CharSlot{{{'I', 0.4f}}});  // a screw
    raw.slots.push_back(CharSlot{{{'1', 0.3f}}});                  // the border
    const auto readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC123");
    EXPECT_EQ(readings[0].country, "BE");
    EXPECT_LT(readings[0].confidence, 0.9f);
    EXPECT_GT(readings[0].confidence, 0.5f);
}

TEST(InterpretTest, DroppingAConfidentCharacterCostsMore) {
    RawText faint = raw_of("1ABC123");
    faint.slots.push_back(CharSlot{{{'7', 0.2f}}});
    RawText crisp = raw_of("1ABC123");
    crisp.slots.push_back(CharSlot{{{'7', 0.95f}}});
    const auto faint_readings = interpret(faint, PlatesConfig{});
    const auto crisp_readings = interpret(crisp, PlatesConfig{});
    const Interpretation* from_faint = find_text(faint_readings, "1ABC123");
    const Interpretation* from_crisp = find_text(crisp_readings, "1ABC123");
    ASSERT_NE(from_faint, nullptr);
    ASSERT_NE(from_crisp, nullptr);
    EXPECT_GT(from_faint->confidence, from_crisp->confidence);
}

TEST(InterpretTest, OcrAlternativeOfTheRightKindIsUsedBeforeASwap) {
    RawText raw = raw_of("1ABC12");
    raw.slots.push_back(CharSlot{{{'B', 0.6f}, {'3', 0.35f}}});
    const auto readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC123");
    EXPECT_EQ(readings[0].corrections, 0);
}

TEST(InterpretTest, FarFetchedAlternativeLosesToASwap) {
    RawText raw = raw_of("1ABC12");
    raw.slots.push_back(CharSlot{{{'B', 0.95f}, {'3', 0.001f}}});
    const auto readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC128");
    EXPECT_EQ(readings[0].corrections, 1);
}

TEST(InterpretTest, MaxCorrectionsBoundsTheSwaps) {
    // Three swaps make BE's current layout: I->1 twice, B->8.
    const RawText raw = raw_of("IABCI2B");
    PlatesConfig config = only({"BE"});
    config.max_corrections = 3;
    const auto three = interpret(raw, config);
    ASSERT_FALSE(three.empty());
    EXPECT_EQ(three[0].text, "1ABC128");
    EXPECT_EQ(three[0].corrections, 3);

    config.max_corrections = 2;
    const auto two = interpret(raw, config);
    EXPECT_EQ(find_text(two, "1ABC128"), nullptr);
    for (const Interpretation& r : two) EXPECT_LE(r.corrections, 2) << r.text;

    config.max_corrections = 0;
    for (const Interpretation& r : interpret(raw, config)) EXPECT_EQ(r.corrections, 0) << r.text;
}

TEST(InterpretTest, OverTheLimitAlternativesReplaceSwaps) {
    RawText raw = raw_of("1ABC12");
    raw.slots.push_back(CharSlot{{{'B', 0.95f}, {'3', 0.05f}}});
    PlatesConfig config = only({"BE"});
    const auto swapped = interpret(raw, config);
    ASSERT_FALSE(swapped.empty());
    EXPECT_EQ(swapped[0].text, "1ABC128");

    config.max_corrections = 0;
    const auto readings = interpret(raw, config);
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC123");
    EXPECT_EQ(readings[0].corrections, 0);
}

TEST(InterpretTest, UnformattedReadSurvivesWithLowerConfidence) {
    PlatesConfig config;
    config.unformatted_factor = 0.5f;
    const auto unformatted = interpret(raw_of("XYXYXY"), config);
    ASSERT_EQ(unformatted.size(), 1u);
    EXPECT_EQ(unformatted[0].text, "XYXYXY");
    EXPECT_EQ(unformatted[0].display, "XYXYXY");
    EXPECT_EQ(unformatted[0].country, "");
    EXPECT_NEAR(unformatted[0].confidence, 0.45f, 1e-4f);

    const auto formatted = interpret(raw_of("1ABC123"), config);
    ASSERT_FALSE(formatted.empty());
    EXPECT_GT(formatted[0].confidence, unformatted[0].confidence);
}

TEST(InterpretTest, RestrictedCountriesAreNotProposed) {
    const auto readings = interpret(raw_of("1ABC123"), only({"SK", "NL"}));
    ASSERT_FALSE(readings.empty());
    for (const Interpretation& r : readings) {
        EXPECT_TRUE(r.country == "SK" || r.country == "NL" || r.country.empty())
            << r.country << " " << r.text;
    }
    EXPECT_EQ(readings[0].country, "");
    EXPECT_EQ(readings[0].text, "1ABC123");
}

TEST(InterpretTest, UnknownCountryCodesAreIgnored) {
    const auto readings = interpret(raw_of("1ABC123"), only({"XX", "BE"}));
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].country, "BE");
}

TEST(InterpretTest, CountryPriorityBreaksTies) {
    // "ABC123" is Belgian "ABC-123" and German "A-BC 123" alike.
    const auto be_first = interpret(raw_of("ABC123"), only({"BE", "DE"}));
    ASSERT_FALSE(be_first.empty());
    EXPECT_EQ(be_first[0].country, "BE");
    EXPECT_EQ(be_first[0].display, "ABC-123");

    const auto de_first = interpret(raw_of("ABC123"), only({"DE", "BE"}));
    ASSERT_FALSE(de_first.empty());
    EXPECT_EQ(de_first[0].country, "DE");
    EXPECT_EQ(de_first[0].display, "A-BC 123");
}

TEST(InterpretTest, ReadingsAreSortedUniqueAndBounded) {
    // Many windows and swaps fit something here.
    const auto readings = interpret(raw_of("DSKB1Z5S0G8I2"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_LE(readings.size(), 8u);
    std::set<std::string> texts;
    for (std::size_t i = 0; i < readings.size(); ++i) {
        EXPECT_TRUE(texts.insert(readings[i].text).second) << readings[i].text;
        if (i > 0) {
            EXPECT_GE(readings[i - 1].confidence, readings[i].confidence);
        }
        EXPECT_EQ(display_form(readings[i].text, readings[i].country), readings[i].display);
    }
}

TEST(InterpretTest, SlotWithoutChoicesIsSkipped) {
    RawText raw = raw_of("1ABC123");
    raw.slots.insert(raw.slots.begin() + 3, CharSlot{});
    const auto readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC123");
}

TEST(InterpretTest, WeakCharacterLowersTheReading) {
    RawText raw = raw_of("1ABC123");
    raw.slots[3].choices[0].confidence = 0.3f;
    const auto readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].text, "1ABC123");
    EXPECT_LT(readings[0].confidence, 0.9f);
    EXPECT_GT(readings[0].confidence, 0.3f);
}

TEST(InterpretTest, DutchPlateUsesItsSidecode) {
    const auto readings = interpret(raw_of("12BDF3"), PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].country, "NL");
    EXPECT_EQ(readings[0].display, "12-BDF-3");
}

}  // namespace
}  // namespace anpr::plates

namespace anpr::plates {
namespace {

TEST(InterpretGroundTest, GroundColourTellsSameShapedLayoutsApart) {
    // "EL6027": Luxembourg's yellow "EL 6027", Germany's white "E-L 6027",
    // and a historic Dutch sidecode 1 "EL-60-27".
    RawText raw = raw_of("EL6027");
    raw.ground = PlateGround::yellow;
    auto readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].country, "LU");
    EXPECT_EQ(readings[0].display, "EL 6027");

    raw.ground = PlateGround::white;
    readings = interpret(raw, PlatesConfig{});
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].country, "DE");
    EXPECT_EQ(readings[0].text, "EL6027");
}

TEST(InterpretGroundTest, WrongGroundLowersButDoesNotRuleOut) {
    RawText raw = raw_of("74JRB6");  // Dutch sidecode 7 only
    raw.ground = PlateGround::white;
    const auto readings = interpret(raw, only({"NL"}));
    ASSERT_FALSE(readings.empty());
    EXPECT_EQ(readings[0].country, "NL");
    raw.ground = PlateGround::yellow;
    EXPECT_GT(interpret(raw, only({"NL"}))[0].confidence, readings[0].confidence);
}

}  // namespace
}  // namespace anpr::plates
