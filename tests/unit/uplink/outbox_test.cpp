#include "uplink/outbox.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include "temp_dir.hpp"

namespace anpr::uplink {
namespace {

constexpr std::uint64_t kRoomy = 100'000'000;

/// A record whose hash is "hash-<seq>" and which notes the hash it was given.
MakeRecord record_of(std::string text, std::vector<std::string>* prev_hashes = nullptr) {
    return [text, prev_hashes](std::uint64_t seq,
                               const std::string& prev_hash) -> core::Result<NewRecord> {
        if (prev_hashes) prev_hashes->push_back(prev_hash);
        return NewRecord{"u/" + std::to_string(seq),
                         R"({"seq":)" + std::to_string(seq) + R"(,"text":")" + text + "\"}",
                         "hash-" + std::to_string(seq)};
    };
}

Outbox opened(const std::filesystem::path& path, std::uint64_t quota = kRoomy) {
    auto outbox = Outbox::open(path, quota);
    if (!outbox) throw std::runtime_error(outbox.error().message);
    return std::move(outbox).value();
}

TEST(OutboxTest, NumbersRecordsAndKeepsThemAcrossReopening) {
    anpr::testing::TempDir dir;
    const auto path = dir.path() / "spool" / "outbox.db";
    {
        auto outbox = opened(path);
        EXPECT_EQ(outbox.add(Lane::ordinary, record_of("A")).seq, 1u);
        EXPECT_EQ(outbox.add(Lane::ordinary, record_of("B")).seq, 2u);
    }
    auto outbox = opened(path);
    const auto added = outbox.add(Lane::ordinary, record_of("C"));
    EXPECT_EQ(added.kind, AddOutcome::Kind::stored);
    EXPECT_EQ(added.seq, 3u);
    const auto batch = outbox.next_batch(10, 1 << 20);
    ASSERT_TRUE(batch.ok());
    ASSERT_EQ(batch.value().size(), 3u);
    EXPECT_EQ(batch.value()[0].id, "u/1");
    EXPECT_EQ(batch.value()[2].body, R"({"seq":3,"text":"C"})");
    EXPECT_EQ(outbox.depths().value().last_seq, 3u);
}

TEST(OutboxTest, HandsEachRecordThePreviousOnesHashAcrossReopening) {
    anpr::testing::TempDir dir;
    const auto path = dir.path() / "outbox.db";
    std::vector<std::string> given;
    {
        auto outbox = opened(path);
        outbox.add(Lane::ordinary, record_of("A", &given));
        outbox.add(Lane::priority, record_of("B", &given));
        EXPECT_FALSE(outbox.delivered({1, 2}));  // delivering does not break the chain
    }
    auto outbox = opened(path);
    outbox.add(Lane::ordinary, record_of("C", &given));
    EXPECT_EQ(given, (std::vector<std::string>{std::string(64, '0'), "hash-1", "hash-2"}));
}

TEST(OutboxTest, IsPrivateToItsOwner) {
    anpr::testing::TempDir dir;
    const auto path = dir.path() / "outbox.db";
    opened(path);
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(OutboxTest, PriorityLaneGoesFirst) {
    anpr::testing::TempDir dir;
    auto outbox = opened(dir.path() / "outbox.db");
    outbox.add(Lane::ordinary, record_of("old"));
    outbox.add(Lane::ordinary, record_of("older"));
    outbox.add(Lane::priority, record_of("hit"));
    const auto batch = outbox.next_batch(2, 1 << 20).value();
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_EQ(batch[0].lane, Lane::priority);
    EXPECT_EQ(batch[0].seq, 3u);
    EXPECT_EQ(batch[1].seq, 1u);
}

TEST(OutboxTest, BatchStopsAtItsByteLimitButTakesOneAtLeast) {
    anpr::testing::TempDir dir;
    auto outbox = opened(dir.path() / "outbox.db");
    for (int i = 0; i < 5; ++i) outbox.add(Lane::ordinary, record_of(std::string(100, 'x')));
    EXPECT_EQ(outbox.next_batch(10, 250).value().size(), 2u);
    EXPECT_EQ(outbox.next_batch(10, 10).value().size(), 1u);
}

TEST(OutboxTest, DeliveredRecordsLeaveAndRefusedOnesBecomeDeadLetters) {
    anpr::testing::TempDir dir;
    auto outbox = opened(dir.path() / "outbox.db");
    for (const char* text : {"A", "B", "C"}) outbox.add(Lane::ordinary, record_of(text));
    EXPECT_FALSE(outbox.delivered({1, 3}));
    EXPECT_FALSE(outbox.dead_letter(2, 400, "/text: too long"));
    const auto depths = outbox.depths().value();
    EXPECT_EQ(depths.ordinary, 0u);
    EXPECT_EQ(depths.dead_letters, 1u);
    const auto letters = outbox.dead_letters().value();
    ASSERT_EQ(letters.size(), 1u);
    EXPECT_EQ(letters[0].id, "u/2");
    EXPECT_EQ(letters[0].http_status, 400);
    EXPECT_EQ(letters[0].reason, "/text: too long");
    EXPECT_EQ(letters[0].body, R"({"seq":2,"text":"B"})");
    // Numbers are never given out twice, even once their records are gone.
    EXPECT_EQ(outbox.add(Lane::ordinary, record_of("D")).seq, 4u);
}

TEST(OutboxTest, FullQuotaRefusesOrdinaryRecordsKeepsCommittedOnesAndSparesAlerts) {
    anpr::testing::TempDir dir;
    // A fresh database takes a few pages: fill a small quota to the brim.
    auto outbox = opened(dir.path() / "outbox.db", 64 * 1024);
    std::uint64_t stored = 0;
    AddOutcome last;
    for (int i = 0; i < 1000; ++i) {
        last = outbox.add(Lane::ordinary, record_of(std::string(500, 'p')));
        if (last.kind != AddOutcome::Kind::stored) break;
        ++stored;
    }
    ASSERT_EQ(last.kind, AddOutcome::Kind::full) << last.message;
    EXPECT_NE(last.message.find("full"), std::string::npos) << last.message;
    EXPECT_GT(stored, 40u);
    EXPECT_EQ(outbox.depths().value().ordinary, stored);
    EXPECT_EQ(outbox.depths().value().last_seq, stored);  // no number used up
    // The priority lane has a tenth more room, and the refused record did
    // not move the chain on.
    std::vector<std::string> given;
    EXPECT_EQ(outbox.add(Lane::priority, record_of("hit", &given)).kind, AddOutcome::Kind::stored);
    EXPECT_EQ(given, std::vector<std::string>{"hash-" + std::to_string(stored)});
    // Delivering makes room again.
    std::vector<std::uint64_t> all;
    for (std::uint64_t seq = 1; seq <= stored; ++seq) all.push_back(seq);
    EXPECT_FALSE(outbox.delivered(all));
    EXPECT_EQ(outbox.add(Lane::ordinary, record_of("again")).kind, AddOutcome::Kind::stored);
}

TEST(OutboxTest, RetentionPurgesOnlyOldRecordsOfItsLane) {
    anpr::testing::TempDir dir;
    auto outbox = opened(dir.path() / "outbox.db");
    outbox.add(Lane::ordinary, record_of("old passage"));
    outbox.add(Lane::priority, record_of("old hit"));
    const auto cut = std::chrono::system_clock::now() + std::chrono::milliseconds(5);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    outbox.add(Lane::ordinary, record_of("new passage"));
    const auto purged = outbox.purge(Lane::ordinary, cut);
    ASSERT_TRUE(purged) << purged.error().message;
    EXPECT_EQ(purged.value(), 1u);
    const auto left = outbox.next_batch(10, 1 << 20).value();
    ASSERT_EQ(left.size(), 2u);
    EXPECT_EQ(left[0].id, "u/2") << "the hit stays, however old";
    EXPECT_EQ(left[1].id, "u/3");
    EXPECT_EQ(outbox.purge(Lane::ordinary, cut).value(), 0u);
}

TEST(OutboxTest, NotADatabaseIsAClearError) {
    anpr::testing::TempDir dir;
    const auto path = dir.write("outbox.db", std::string(8192, 'j'));
    auto outbox = Outbox::open(path, kRoomy);
    ASSERT_FALSE(outbox.ok());
    EXPECT_NE(outbox.error().message.find(path.string()), std::string::npos)
        << outbox.error().message;
}

TEST(OutboxTest, UnwritableFolderIsAClearError) {
    anpr::testing::TempDir dir;
    const auto blocker = dir.write("file", "x");
    auto outbox = Outbox::open(blocker / "outbox.db", kRoomy);
    ASSERT_FALSE(outbox.ok());
    EXPECT_NE(outbox.error().message.find("outbox"), std::string::npos) << outbox.error().message;
}

}  // namespace
}  // namespace anpr::uplink
