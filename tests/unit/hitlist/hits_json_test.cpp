#include "hitlist/hits_json.hpp"

#include <gtest/gtest.h>

#include "sample_lists.hpp"

namespace anpr::hitlist {
namespace {

using namespace testing;

TEST(HitsJsonTest, SaysWhatWasHitAndHow) {
    const std::vector<HitMatch> matches{
        {entry("1ABC123"), "1ABC123", {}},
        {entry("GB0123", Category::wanted_person, "NL", 2), "6B0123", {{0, '6', 'G'}}}};
    const auto hits = hits_json(matches, 42);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0]["list_version"], 42);
    EXPECT_EQ(hits[0]["plate"], "1ABC123");
    EXPECT_EQ(hits[0]["category"], "stolen_vehicle");
    EXPECT_EQ(hits[0]["match"], "exact");
    EXPECT_EQ(hits[0]["substitutions"], nlohmann::ordered_json::array());
    EXPECT_EQ(hits[0]["expires_utc"], "2026-11-19T11:06:40Z");
    EXPECT_EQ(hits[1]["match"], "look-alike");
    EXPECT_EQ(hits[1]["matched_text"], "6B0123");
    EXPECT_EQ(hits[1]["substitutions"][0]["position"], 0);
    EXPECT_EQ(hits[1]["substitutions"][0]["read"], "6");
    EXPECT_EQ(hits[1]["substitutions"][0]["listed"], "G");
}

TEST(HitsJsonTest, KeepsAtMostTheRecordsLimit) {
    std::vector<HitMatch> matches(40, HitMatch{entry("1ABC123"), "1ABC123", {}});
    EXPECT_EQ(hits_json(matches, 1).size(), kMaxHits);
}

}  // namespace
}  // namespace anpr::hitlist
