#include "hitlist/list_document.hpp"

#include <gtest/gtest.h>

#include <random>

#include "sample_lists.hpp"

namespace anpr::hitlist {
namespace {

using namespace testing;

constexpr std::size_t kMax = 1 << 20;

class ListDocumentTest : public ::testing::Test {
  protected:
    evidence::SigningKey authority = evidence::SigningKey::generate().value();
    std::string text = signed_text(
        full_list(7, {entry("1ABC123"), entry("AB123CD", Category::no_insurance, "FR", 4)},
                  authority),
        authority);

    std::string refusal(std::string_view bytes, std::size_t max = kMax) const {
        auto read = read_list_document(bytes, authority.public_key(), max);
        EXPECT_FALSE(read);
        return read ? "" : read.error().message;
    }
};

TEST_F(ListDocumentTest, ASignedListReadsBackWhole) {
    auto read = read_list_document(text, authority.public_key(), kMax);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read.value().header.version, 7u);
    EXPECT_EQ(read.value().header.kind, ListHeader::Kind::full);
    EXPECT_EQ(read.value().header.expires, kNow + 7 * 24h);
    ASSERT_EQ(read.value().entries.size(), 2u);
    EXPECT_EQ(read.value().entries[1].plate, "AB123CD");
    EXPECT_EQ(read.value().entries[1].country, "FR");
    EXPECT_EQ(read.value().entries[1].category, Category::no_insurance);
    EXPECT_EQ(read.value().entries[1].priority, 4);
    EXPECT_EQ(read.value().entries[1].action, "Stop the vehicle; check the driver");
}

TEST_F(ListDocumentTest, AChangedEntryIsRefused) {
    auto changed = text;
    changed.replace(changed.find("1ABC123"), 7, "1ABC124");
    EXPECT_NE(refusal(changed).find("does not verify"), std::string::npos);
}

TEST_F(ListDocumentTest, ABadSignatureIsRefused) {
    auto forged = text;
    const auto at = forged.rfind("\"signature\":\"") + 14;
    forged[at] = forged[at] == 'A' ? 'B' : 'A';
    EXPECT_NE(refusal(forged).find("does not verify"), std::string::npos);
}

TEST_F(ListDocumentTest, AnUnsignedListIsRefused) {
    const auto unsigned_text = text.substr(0, text.rfind("{\"signature\""));
    EXPECT_NE(refusal(unsigned_text).find("not signed"), std::string::npos);
}

TEST_F(ListDocumentTest, ATruncatedListIsRefused) {
    for (const std::size_t keep :
         {std::size_t{0}, std::size_t{10}, text.size() / 2, text.size() - 5}) {
        const auto message = refusal(std::string_view(text).substr(0, keep));
        EXPECT_TRUE(message.find("not signed") != std::string::npos ||
                    message.find("garbled") != std::string::npos)
            << keep << ": " << message;
    }
}

TEST_F(ListDocumentTest, AListSignedByAnotherKeyIsRefused) {
    const auto other = evidence::SigningKey::generate().value();
    const auto foreign = signed_text(full_list(8, {entry("1ABC123")}, other), other);
    EXPECT_NE(refusal(foreign).find("signed by another key"), std::string::npos);
    // The header may claim the authority's key id: the signature still fails.
    auto claimed = full_list(8, {entry("1ABC123")}, other);
    claimed.header.key_id = evidence::key_id(authority.public_key());
    EXPECT_NE(refusal(signed_text(claimed, other)).find("does not verify"), std::string::npos);
}

TEST_F(ListDocumentTest, AnOversizedListIsRefusedBeforeItIsRead) {
    EXPECT_NE(refusal(text, text.size() - 1).find("larger than the limit"), std::string::npos);
}

TEST_F(ListDocumentTest, BadEntriesAreNamedByLine) {
    auto list = full_list(9, {entry("1ABC123")}, authority);
    list.entries.push_back(entry("1ABC123"));
    list.entries.back().priority = 12;
    EXPECT_NE(refusal(signed_text(list, authority)).find("line 3: \"priority\""),
              std::string::npos);
    list.entries.back() = entry("1abc-123");
    EXPECT_NE(refusal(signed_text(list, authority)).find("line 3: \"plate\""), std::string::npos);
}

TEST_F(ListDocumentTest, ADeltaCarriesRemovalsAndItsBase) {
    auto delta = full_list(8, {entry("2XYZ999")}, authority);
    delta.header.kind = ListHeader::Kind::delta;
    delta.header.base_version = 7;
    delta.removals.push_back({"1ABC123", "BE", Category::stolen_vehicle});
    auto read = read_list_document(signed_text(delta, authority), authority.public_key(), kMax);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read.value().header.base_version, 7u);
    ASSERT_EQ(read.value().removals.size(), 1u);
    EXPECT_EQ(read.value().removals[0].plate, "1ABC123");
}

// Seeded random changes to a signed list: each change to what is signed is
// refused, nothing crashes. (A change to the signature line's own spacing
// may leave the signature as it was.)
TEST_F(ListDocumentTest, RandomChangesAreRefusedSafely) {
    const std::string signed_part = text.substr(0, text.rfind("{\"signature\""));
    std::mt19937 random(5);
    for (int i = 0; i < 2000; ++i) {
        auto changed = text;
        const auto at = random() % changed.size();
        switch (random() % 3) {
            case 0:
                changed[at] = static_cast<char>(random() % 256);
                break;
            case 1:
                changed.erase(at, 1 + random() % 20);
                break;
            default:
                changed.insert(at, 1, static_cast<char>(random() % 256));
        }
        if (read_list_document(changed, authority.public_key(), kMax)) {
            EXPECT_TRUE(changed.starts_with(signed_part)) << i << ": a change taken: " << changed;
        }
    }
}

}  // namespace
}  // namespace anpr::hitlist
