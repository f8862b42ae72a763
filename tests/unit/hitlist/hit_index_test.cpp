#include "hitlist/hit_index.hpp"

#include <gtest/gtest.h>

#include "sample_lists.hpp"

namespace anpr::hitlist {
namespace {

using namespace testing;

const MatchPolicy kAll{{kCategories.begin(), kCategories.end()}, 1};

HitIndex sample_index() {
    return HitIndex({entry("1ABC123"), entry("AB123CD", Category::no_insurance, "FR", 4),
                     entry("2XYZ999", Category::watch, "", 7),
                     entry("1ABC123", Category::no_insurance, "BE", 5),
                     entry("GB0123", Category::wanted_person, "NL", 2)});
}

TEST(HitIndexTest, AnExactReadHitsEveryEntryOfItsPlateMostUrgentFirst) {
    const auto matches = sample_index().match({"1ABC123"}, "BE", kAll, kNow);
    ASSERT_EQ(matches.size(), 2u);
    EXPECT_EQ(matches[0].entry.category, Category::stolen_vehicle);
    EXPECT_EQ(matches[1].entry.category, Category::no_insurance);
    EXPECT_EQ(matches[0].matched_text, "1ABC123");
    EXPECT_TRUE(matches[0].substitutions.empty());
    EXPECT_EQ(matches[0].entry.action, "Stop the vehicle; check the driver");
}

TEST(HitIndexTest, ALookAlikeReadHitsWithinTheAllowedSwaps) {
    const auto matches = sample_index().match({"6B0I23"}, "NL", kAll, kNow);
    EXPECT_TRUE(matches.empty()) << "two swaps (6/G, I/1) with one allowed";
    MatchPolicy two = kAll;
    two.max_substitutions = 2;
    const auto two_swaps = sample_index().match({"6B0I23"}, "NL", two, kNow);
    ASSERT_EQ(two_swaps.size(), 1u);
    EXPECT_EQ(two_swaps[0].entry.plate, "GB0123");
    ASSERT_EQ(two_swaps[0].substitutions.size(), 2u);
    EXPECT_EQ(two_swaps[0].substitutions[0].read, '6');
    EXPECT_EQ(two_swaps[0].substitutions[0].listed, 'G');
}

TEST(HitIndexTest, EveryCandidateIsMatchedAndTheFewestSwapsKept) {
    const auto matches = sample_index().match({"1A8C123", "ZXYZ999", "1ABC123"}, "", kAll, kNow);
    ASSERT_EQ(matches.size(), 3u);
    for (const auto& m : matches) {
        if (m.entry.plate == "1ABC123") {
            EXPECT_EQ(m.matched_text, "1ABC123") << "the exact candidate, not the look-alike";
            EXPECT_TRUE(m.substitutions.empty());
        } else {
            EXPECT_EQ(m.entry.plate, "2XYZ999");
            EXPECT_EQ(m.substitutions.size(), 1u);
        }
    }
}

TEST(HitIndexTest, CountriesMustAgreeWhenBothAreKnown) {
    const auto index = sample_index();
    EXPECT_TRUE(index.match({"1ABC123"}, "NL", kAll, kNow).empty());
    EXPECT_EQ(index.match({"1ABC123"}, "", kAll, kNow).size(), 2u) << "unknown country: any";
    EXPECT_EQ(index.match({"2XYZ999"}, "DE", kAll, kNow).size(), 1u) << "listed for any country";
}

TEST(HitIndexTest, OnlyEnabledCategoriesAndUnexpiredEntriesHit) {
    const auto index = sample_index();
    const MatchPolicy traffic{{Category::no_insurance}, 1};
    const auto matches = index.match({"1ABC123"}, "BE", traffic, kNow);
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_EQ(matches[0].entry.category, Category::no_insurance);
    EXPECT_TRUE(index.match({"1ABC123"}, "BE", kAll, kNow + 25h).empty()) << "expired";
}

TEST(HitIndexTest, CountsAndUnpacksItsEntries) {
    const auto index = sample_index();
    EXPECT_EQ(index.size(), 5u);
    const auto counts = index.per_category();
    EXPECT_EQ(counts[static_cast<int>(Category::stolen_vehicle)], 1u);
    EXPECT_EQ(counts[static_cast<int>(Category::no_insurance)], 2u);
    EXPECT_EQ(index.entries().size(), 5u);
    EXPECT_GT(index.bytes(), 5 * 32u);
}

}  // namespace
}  // namespace anpr::hitlist
