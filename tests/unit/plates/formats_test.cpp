#include "plates/formats.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plates/plates.hpp"

namespace anpr::plates {
namespace {

struct DisplayCase {
    std::string text;
    std::string country;
    std::string display;
};

class DisplayFormTest : public testing::TestWithParam<DisplayCase> {};

TEST_P(DisplayFormTest, PrintsTheCountrysLayout) {
    const DisplayCase& c = GetParam();
    EXPECT_EQ(display_form(c.text, c.country), c.display) << c.country << " " << c.text;
}

INSTANTIATE_TEST_SUITE_P(Belgium, DisplayFormTest,
                         testing::Values(DisplayCase{"1ABC123", "BE", "1-ABC-123"},
                                         DisplayCase{"ABC123", "BE", "ABC-123"},
                                         DisplayCase{"123ABC", "BE", "123-ABC"},
                                         // The current series starts at 1.
                                         DisplayCase{"0ABC123", "BE", "0ABC123"}));

INSTANTIATE_TEST_SUITE_P(
    NetherlandsSidecodes, DisplayFormTest,
    testing::Values(
        DisplayCase{"AB1234", "NL", "AB-12-34"}, DisplayCase{"1234AB", "NL", "12-34-AB"},
        DisplayCase{"12AB34", "NL", "12-AB-34"}, DisplayCase{"BD12FG", "NL", "BD-12-FG"},
        DisplayCase{"BDFG12", "NL", "BD-FG-12"}, DisplayCase{"12BDFG", "NL", "12-BD-FG"},
        DisplayCase{"12BDF3", "NL", "12-BDF-3"}, DisplayCase{"1BDF23", "NL", "1-BDF-23"},
        DisplayCase{"BD123F", "NL", "BD-123-F"}, DisplayCase{"B123DF", "NL", "B-123-DF"},
        DisplayCase{"BDF12G", "NL", "BDF-12-G"}, DisplayCase{"B12DFG", "NL", "B-12-DFG"},
        DisplayCase{"1BD234", "NL", "1-BD-234"}, DisplayCase{"123BD4", "NL", "123-BD-4"}));

INSTANTIATE_TEST_SUITE_P(NetherlandsVowels, DisplayFormTest,
                         testing::Values(
                             // Sidecodes 1-3 predate the vowel rule.
                             DisplayCase{"AE1234", "NL", "AE-12-34"},
                             // From sidecode 4 on, vowels, C and Q are never issued.
                             DisplayCase{"AB12CD", "NL", "AB12CD"},
                             DisplayCase{"12QBFG", "NL", "12QBFG"}));

INSTANTIATE_TEST_SUITE_P(France, DisplayFormTest,
                         testing::Values(DisplayCase{"AB123CD", "FR", "AB-123-CD"},
                                         DisplayCase{"AB001CD", "FR", "AB-001-CD"},
                                         // SIV never issues I, O or U.
                                         DisplayCase{"AO123CD", "FR", "AO123CD"},
                                         DisplayCase{"123ABC75", "FR", "123 ABC 75"},
                                         DisplayCase{"1234AB13", "FR", "1234 AB 13"},
                                         DisplayCase{"1AB75", "FR", "1 AB 75"}));

INSTANTIATE_TEST_SUITE_P(Germany, DisplayFormTest,
                         testing::Values(DisplayCase{"MAB1234", "DE", "M-AB 1234"},
                                         DisplayCase{"BNAB123", "DE", "BN-AB 123"},
                                         DisplayCase{"HSKAB12", "DE", "HSK-AB 12"},
                                         DisplayCase{"BA1234", "DE", "B-A 1234"},
                                         DisplayCase{"HSKA1234", "DE", "HS-KA 1234"},
                                         // Serial numbers have no leading zero.
                                         DisplayCase{"MAB0123", "DE", "MAB0123"},
                                         // Nine characters: longer than any German plate.
                                         DisplayCase{"HSKAB1234", "DE", "HSKAB1234"}));

INSTANTIATE_TEST_SUITE_P(Luxembourg, DisplayFormTest,
                         testing::Values(DisplayCase{"AB1234", "LU", "AB 1234"},
                                         DisplayCase{"A1234", "LU", "A 1234"},
                                         DisplayCase{"12345", "LU", "12345"},
                                         DisplayCase{"1234567", "LU", "1234567"}));

INSTANTIATE_TEST_SUITE_P(Czechia, DisplayFormTest,
                         testing::Values(DisplayCase{"1A23456", "CZ", "1A2 3456"},
                                         DisplayCase{"5AB1234", "CZ", "5AB 1234"},
                                         DisplayCase{"ABC1234", "CZ", "ABC 12-34"},
                                         DisplayCase{"AB1234", "CZ", "AB 12-34"}));

INSTANTIATE_TEST_SUITE_P(Slovakia, DisplayFormTest,
                         testing::Values(DisplayCase{"BA123AB", "SK", "BA-123AB"},
                                         DisplayCase{"BA12ABC", "SK", "BA12ABC"}));

INSTANTIATE_TEST_SUITE_P(UnitedKingdom, DisplayFormTest,
                         testing::Values(DisplayCase{"AB12CDE", "UK", "AB12 CDE"},
                                         DisplayCase{"A123BCD", "UK", "A123 BCD"},
                                         DisplayCase{"ABC123D", "UK", "ABC 123D"},
                                         DisplayCase{"AB12CDI", "UK", "AB12CDI"}));

INSTANTIATE_TEST_SUITE_P(NoFit, DisplayFormTest,
                         testing::Values(DisplayCase{"XYZ", "BE", "XYZ"},
                                         DisplayCase{"1ABC123", "XX", "1ABC123"},
                                         DisplayCase{"1ABC123", "", "1ABC123"},
                                         DisplayCase{"", "BE", ""}));

TEST(FormatsTest, KnowsTheSupportedCountries) {
    EXPECT_EQ(known_countries(),
              (std::vector<std::string>{"BE", "NL", "FR", "DE", "LU", "CZ", "SK", "UK"}));
}

TEST(FormatsTest, DefaultConfigNamesOnlyKnownCountries) {
    for (const std::string& code : PlatesConfig{}.countries) {
        EXPECT_NE(find_country(code), nullptr) << code;
    }
    EXPECT_EQ(find_country("XX"), nullptr);
}

TEST(FormatsTest, EveryLayoutFitsTheBufferBound) {
    for (const Country& country : countries()) {
        EXPECT_FALSE(country.formats.empty()) << country.code;
        for (const Format& format : country.formats) {
            EXPECT_GT(format.length(), 0u) << country.code;
            EXPECT_LE(format.length(), max_format_length) << country.code;
        }
    }
}

TEST(FormatsTest, PatternClassesAcceptTheirCharacters) {
    const Format format("N9LX-L", "O");
    EXPECT_EQ(format.length(), 5u);
    EXPECT_TRUE(format.allows(0, '1'));
    EXPECT_FALSE(format.allows(0, '0'));
    EXPECT_TRUE(format.allows(1, '0'));
    EXPECT_FALSE(format.allows(1, 'A'));
    EXPECT_TRUE(format.allows(2, 'A'));
    EXPECT_FALSE(format.allows(2, 'O'));
    EXPECT_FALSE(format.allows(2, '7'));
    EXPECT_TRUE(format.allows(3, '7'));
    EXPECT_TRUE(format.allows(3, 'K'));
    EXPECT_FALSE(format.allows(3, 'O'));
    EXPECT_FALSE(format.allows(4, '-'));
    EXPECT_TRUE(format.fits("10AKB"));
    EXPECT_FALSE(format.fits("10AK"));
    EXPECT_EQ(format.display("10AKB"), "10AK-B");
}

TEST(FormatsTest, AllDigitLayoutsRankBelowOthers) {
    const Country* lu = find_country("LU");
    ASSERT_NE(lu, nullptr);
    for (const Format& format : lu->formats) {
        if (format.fits(std::string(format.length(), '1'))) {
            EXPECT_LT(format.prior(), 1.f);
        } else {
            EXPECT_EQ(format.prior(), 1.f);
        }
    }
}

}  // namespace
}  // namespace anpr::plates
