#include "hitlist/list_update.hpp"

#include <gtest/gtest.h>

#include "sample_lists.hpp"

namespace anpr::hitlist {
namespace {

using namespace testing;

class ListUpdateTest : public ::testing::Test {
  protected:
    evidence::SigningKey authority = evidence::SigningKey::generate().value();
    StoredList active{full_list(7, {entry("1ABC123"), entry("2XYZ999")}, authority).header,
                      {entry("1ABC123"), entry("2XYZ999")}};

    ListDocument delta(std::uint64_t version, std::uint64_t base) const {
        auto document = full_list(version, {entry("3DEF456")}, authority);
        document.header.kind = ListHeader::Kind::delta;
        document.header.base_version = base;
        document.removals.push_back({"2XYZ999", "BE", Category::stolen_vehicle});
        return document;
    }
};

TEST_F(ListUpdateTest, AFullListReplacesTheActiveOne) {
    auto updated = updated_list(active, full_list(8, {entry("9ZZZ999")}, authority), kNow);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated.value().header.version, 8u);
    ASSERT_EQ(updated.value().entries.size(), 1u);
    EXPECT_EQ(updated.value().entries[0].plate, "9ZZZ999");
}

TEST_F(ListUpdateTest, ADeltaAddsAndRemovesOnItsBase) {
    auto updated = updated_list(active, delta(8, 7), kNow);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated.value().header.kind, ListHeader::Kind::full);
    std::vector<std::string> plates;
    for (const auto& e : updated.value().entries) plates.push_back(e.plate);
    EXPECT_EQ(plates, (std::vector<std::string>{"1ABC123", "3DEF456"}));
}

TEST_F(ListUpdateTest, ADeltaOnAnotherVersionIsRefused) {
    auto refused = updated_list(active, delta(9, 8), kNow);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("delta from version 8, but the unit holds version 7"),
              std::string::npos);
    EXPECT_FALSE(updated_list(std::nullopt, delta(8, 7), kNow));
}

TEST_F(ListUpdateTest, ARollbackIsRefused) {
    for (const std::uint64_t version : {6u, 7u}) {
        auto refused = updated_list(active, full_list(version, {}, authority), kNow);
        ASSERT_FALSE(refused);
        EXPECT_NE(refused.error().message.find("rollback refused"), std::string::npos);
    }
}

TEST_F(ListUpdateTest, AnExpiredListIsRefused) {
    auto expired = full_list(8, {entry("1ABC123")}, authority);
    expired.header.expires = kNow - 1s;
    auto refused = updated_list(active, expired, kNow);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("expired at"), std::string::npos);
}

}  // namespace
}  // namespace anpr::hitlist
