#include "receiver/record_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace anpr::receiver {
namespace {

AcceptedRecord record(int seq) {
    const std::string id = "unit-0001/" + std::to_string(seq);
    return {id, "anpr.read/1", "unit-0001", seq, R"({"id":")" + id + R"("})"};
}

const auto kReceived =
    std::chrono::system_clock::time_point{std::chrono::milliseconds(1'764'411'840'123)};

/// A read-only connection beside the store's, as tests of the unit use one.
class Reader {
  public:
    explicit Reader(const std::filesystem::path& path) {
        sqlite3* raw = nullptr;
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
        db_.reset(raw);
    }
    std::string text(const std::string& sql) const {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
            return std::string("error: ") + sqlite3_errmsg(db_.get());
        const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(
            raw, sqlite3_finalize);
        if (sqlite3_step(statement.get()) != SQLITE_ROW) return "no row";
        const auto* value = sqlite3_column_text(statement.get(), 0);
        return value != nullptr ? reinterpret_cast<const char*>(value) : "NULL";
    }

  private:
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db_{nullptr, sqlite3_close};
};

TEST(ReceiverRecordStoreTest, StoresNewRecordsAndRecognisesDuplicates) {
    const anpr::testing::TempDir dir;
    auto store = RecordStore::open(dir.path() / "reads.db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    const auto first = store.value().store_batch({record(1), record(2)}, 0, kReceived);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first.value(), (std::vector{StoreOutcome::stored, StoreOutcome::stored}));
    const auto again = store.value().store_batch({record(2), record(3)}, 1, kReceived);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again.value(), (std::vector{StoreOutcome::duplicate, StoreOutcome::stored}));

    const auto counters = store.value().counters();
    ASSERT_TRUE(counters.ok());
    EXPECT_EQ(counters.value().batches, 2);
    EXPECT_EQ(counters.value().stored, 3);
    EXPECT_EQ(counters.value().duplicates, 1);
    EXPECT_EQ(counters.value().rejected, 1);
}

TEST(ReceiverRecordStoreTest, DuplicateWithinOneBatch) {
    const anpr::testing::TempDir dir;
    auto store = RecordStore::open(dir.path() / "reads.db");
    ASSERT_TRUE(store.ok());
    const auto outcomes = store.value().store_batch({record(1), record(1)}, 0, kReceived);
    ASSERT_TRUE(outcomes.ok());
    EXPECT_EQ(outcomes.value(), (std::vector{StoreOutcome::stored, StoreOutcome::duplicate}));
}

TEST(ReceiverRecordStoreTest, BatchOfOnlyRejectedRecordsIsCounted) {
    const anpr::testing::TempDir dir;
    auto store = RecordStore::open(dir.path() / "reads.db");
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value().store_batch({}, 3, kReceived).ok());
    EXPECT_EQ(store.value().counters().value().batches, 1);
    EXPECT_EQ(store.value().counters().value().rejected, 3);
}

TEST(ReceiverRecordStoreTest, RowsAreReadableBesideTheStoreInWalMode) {
    const anpr::testing::TempDir dir;
    const auto path = dir.path() / "reads.db";
    auto store = RecordStore::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value().store_batch({record(7)}, 0, kReceived).ok());

    const Reader reader(path);  // while the store is open
    EXPECT_EQ(reader.text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(reader.text("SELECT schema || ' ' || unit || ' ' || seq || ' ' || received_utc "
                          "FROM reads WHERE id = 'unit-0001/7'"),
              "anpr.read/1 unit-0001 7 2025-11-29T10:24:00.123Z");
    EXPECT_EQ(reader.text("SELECT body FROM reads"), R"({"id":"unit-0001/7"})");
    EXPECT_EQ(reader.text("SELECT value FROM counters WHERE name = 'stored'"), "1");
    EXPECT_EQ(reader.text("SELECT value FROM counters WHERE name = 'duplicates'"), "0");
}

TEST(ReceiverRecordStoreTest, NullUnitAndSeqForRecordsWithout) {
    const anpr::testing::TempDir dir;
    const auto path = dir.path() / "reads.db";
    auto store = RecordStore::open(path);
    ASSERT_TRUE(store.ok());
    const AcceptedRecord alert{"alert-1", "anpr.alert/1", std::nullopt, std::nullopt, "{}"};
    ASSERT_TRUE(store.value().store_batch({alert}, 0, kReceived).ok());
    EXPECT_EQ(
        Reader(path).text("SELECT coalesce(unit, 'NULL') || coalesce(seq, 'NULL') FROM reads"),
        "NULLNULL");
}

TEST(ReceiverRecordStoreTest, ReopenedStoreKeepsRecordsAndCounters) {
    const anpr::testing::TempDir dir;
    const auto path = dir.path() / "reads.db";
    {
        auto store = RecordStore::open(path);
        ASSERT_TRUE(store.ok());
        ASSERT_TRUE(store.value().store_batch({record(1)}, 2, kReceived).ok());
    }
    auto reopened = RecordStore::open(path);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    const auto outcomes = reopened.value().store_batch({record(1)}, 0, kReceived);
    ASSERT_TRUE(outcomes.ok());
    EXPECT_EQ(outcomes.value(), std::vector{StoreOutcome::duplicate});
    const auto counters = reopened.value().counters().value();
    EXPECT_EQ(counters.batches, 2);
    EXPECT_EQ(counters.stored, 1);
    EXPECT_EQ(counters.duplicates, 1);
    EXPECT_EQ(counters.rejected, 2);
}

TEST(ReceiverRecordStoreTest, UnopenableFileIsAnErrorNamingIt) {
    const anpr::testing::TempDir dir;
    const auto path = dir.path() / "no-such-folder" / "reads.db";
    const auto store = RecordStore::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().message.find(path.string()), std::string::npos);
}

}  // namespace
}  // namespace anpr::receiver
