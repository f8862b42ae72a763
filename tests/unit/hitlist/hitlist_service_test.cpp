#include "hitlist/hitlist_service.hpp"

#include <gtest/gtest.h>

#include "hitlist/hit_store.hpp"
#include "sample_lists.hpp"
#include "temp_dir.hpp"

namespace anpr::hitlist {
namespace {

using namespace testing;

class HitlistServiceTest : public ::testing::Test {
  protected:
    anpr::testing::TempDir dir;
    evidence::SigningKey authority = evidence::SigningKey::generate().value();
    config::AppConfig config;

    void SetUp() override {
        ASSERT_TRUE(authority.write_pair(dir.path() / "authority"));
        config.hitlist.authority_key = dir.path() / "authority" / evidence::kPublicKeyFile;
        config.hitlist.store = dir.path() / "hitlist.db";
    }

    std::unique_ptr<HitlistService> service() const {
        auto made = HitlistService::create(config, "test");
        EXPECT_TRUE(made) << made.error().message;
        return made ? std::move(made).value() : nullptr;
    }

    std::string version(std::uint64_t v, std::vector<HitEntry> entries) const {
        return signed_text(full_list(v, std::move(entries), authority), authority);
    }
};

TEST_F(HitlistServiceTest, AnAppliedListIsActiveAndSurvivesARestart) {
    {
        auto s = service();
        EXPECT_FALSE(s->active(kNow)) << "no list yet";
        ASSERT_TRUE(s->apply(version(3, {entry("1ABC123")}), kNow));
        ASSERT_TRUE(s->active(kNow));
        EXPECT_EQ(s->active(kNow)->header.version, 3u);
    }
    auto restarted = service();
    const auto active = restarted->active(kNow);
    ASSERT_TRUE(active);
    EXPECT_EQ(active->header.version, 3u);
    EXPECT_EQ(active->index.size(), 1u);
}

// Each refusal leaves the last good list active, and is counted.
TEST_F(HitlistServiceTest, EveryRefusalKeepsTheLastGoodList) {
    auto s = service();
    const auto good = version(5, {entry("1ABC123"), entry("2XYZ999")});
    ASSERT_TRUE(s->apply(good, kNow));

    auto tampered = version(6, {entry("1ABC123")});
    tampered.replace(tampered.find("1ABC123"), 7, "1ABC124");
    const auto other = evidence::SigningKey::generate().value();
    auto expired_list = full_list(6, {entry("1ABC123")}, authority);
    expired_list.header.expires = kNow - 1h;
    const std::vector<std::pair<std::string, std::string>> bad{
        {"unsigned", good.substr(0, good.rfind("{\"signature\""))},
        {"changed entry", tampered},
        {"bad signature", good.substr(0, good.size() - 10) + "AAAAAAAA\"}\n"},
        {"rollback", version(4, {entry("9ZZZ999")})},
        {"same version", version(5, {entry("9ZZZ999")})},
        {"expired", signed_text(expired_list, authority)},
        {"wrong key", signed_text(full_list(6, {entry("9ZZZ999")}, other), other)},
        {"truncated", version(6, {entry("9ZZZ999")}).substr(0, 120)},
    };
    for (const auto& [what, bytes] : bad) {
        EXPECT_FALSE(s->apply(bytes, kNow)) << what;
        const auto active = s->active(kNow);
        ASSERT_TRUE(active) << what;
        EXPECT_EQ(active->header.version, 5u) << what;
        EXPECT_EQ(active->index.size(), 2u) << what;
    }
    const auto status = s->status();
    EXPECT_EQ(status.refused, bad.size());
    EXPECT_EQ(status.updates, 1u);
    EXPECT_FALSE(status.last_error.empty());
}

TEST_F(HitlistServiceTest, AnOversizedListIsRefusedAndTheLastGoodOneStays) {
    config.hitlist.max_mb = 1;
    auto s = service();
    ASSERT_TRUE(s->apply(version(1, {entry("1ABC123")}), kNow));
    std::vector<HitEntry> many;
    for (int i = 0; i < 20000; ++i) many.push_back(entry("P" + std::to_string(100000 + i)));
    const auto apply = s->apply(version(2, many), kNow);
    ASSERT_FALSE(apply);
    EXPECT_NE(apply.error().message.find("larger than the limit"), std::string::npos);
    ASSERT_TRUE(s->active(kNow));
    EXPECT_EQ(s->active(kNow)->header.version, 1u);
}

TEST_F(HitlistServiceTest, AnExpiredActiveListIsNotUsed) {
    auto s = service();
    ASSERT_TRUE(s->apply(version(1, {entry("1ABC123")}), kNow));
    EXPECT_TRUE(s->active(kNow + 6 * 24h));
    EXPECT_FALSE(s->active(kNow + 8 * 24h)) << "never match on a stale list";
}

TEST_F(HitlistServiceTest, AMissingAuthorityKeyIsNamed) {
    config.hitlist.authority_key = dir.path() / "nope.pub";
    auto made = HitlistService::create(config, "test");
    ASSERT_FALSE(made);
    EXPECT_NE(made.error().message.find("hitlist.authority_key"), std::string::npos);
}

TEST_F(HitlistServiceTest, StatusCountsEntriesPerCategory) {
    auto s = service();
    ASSERT_TRUE(s->apply(version(2, {entry("1ABC123"), entry("2XYZ999", Category::watch)}), kNow));
    const auto status = s->status();
    ASSERT_TRUE(status.active);
    EXPECT_EQ(status.entries, 2u);
    EXPECT_EQ(status.per_category[static_cast<int>(Category::watch)], 1u);
    std::ostringstream text;
    s->status(text);
    EXPECT_NE(text.str().find("version 2"), std::string::npos) << text.str();
    EXPECT_EQ(text.str().find("1ABC123"), std::string::npos) << "never the entries";
}

}  // namespace
}  // namespace anpr::hitlist
