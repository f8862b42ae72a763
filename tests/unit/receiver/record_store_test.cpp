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
    return {id, "anpr.read/1", "unit-0001", seq, R"({"id":")" + id + R"("})", {}};
}

/// A record that reports one hit: an alert.
AcceptedRecord record_with_hit(int seq) {
    AcceptedRecord made = record(seq);
    made.hits = {{"1ABC128", "stolen_vehicle", "1"}};
    return made;
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
    const AcceptedRecord alert{"alert-1", "anpr.alert/1", std::nullopt, std::nullopt, "{}", {}};
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

TEST(ReceiverRecordStoreTest, NewRecordsWithHitsAreStoredAsAlertsOnce) {
    const anpr::testing::TempDir dir;
    const auto path = dir.path() / "reads.db";
    auto store = RecordStore::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(store.value().store_batch({record_with_hit(1), record(2)}, 0, kReceived).ok());
    const auto resent =
        store.value().store_batch({record_with_hit(1), record_with_hit(3)}, 0, kReceived);
    ASSERT_TRUE(resent.ok()) << resent.error().message;
    EXPECT_EQ(resent.value(), (std::vector{StoreOutcome::duplicate, StoreOutcome::stored}));

    const Reader reader(path);
    EXPECT_EQ(reader.text("SELECT group_concat(id, ' ') FROM (SELECT id FROM alerts ORDER BY id)"),
              "unit-0001/1 unit-0001/3");
    EXPECT_EQ(reader.text("SELECT unit || ' ' || seq || ' ' || received_ms || ' ' || body "
                          "FROM alerts WHERE id = 'unit-0001/1'"),
              R"(unit-0001 1 1764411840123 {"id":"unit-0001/1"})");
    EXPECT_EQ(store.value().counters().value().alerts, 2);
    EXPECT_EQ(reader.text("SELECT value FROM counters WHERE name = 'alerts'"), "2");
}

TEST(ReceiverRecordStoreTest, StoreWithoutAlertsIsUpgradedInPlace) {
    const anpr::testing::TempDir dir;
    const auto path = dir.path() / "reads.db";
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
        const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
        // The tables as the receiver made them before alerts, with one read.
        ASSERT_EQ(sqlite3_exec(db.get(), R"sql(
            CREATE TABLE reads(id TEXT PRIMARY KEY, schema TEXT NOT NULL, unit TEXT,
              seq INTEGER, body TEXT NOT NULL, received_utc TEXT NOT NULL);
            CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER);
            INSERT INTO counters VALUES ('batches', 1), ('stored', 1), ('duplicates', 0),
              ('rejected', 0);
            INSERT INTO reads VALUES ('unit-0001/1', 'anpr.read/1', 'unit-0001', 1, '{}',
              '2025-11-29T10:24:00.123Z');)sql",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    auto store = RecordStore::open(path);
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_TRUE(
        store.value().store_batch({record_with_hit(1), record_with_hit(2)}, 0, kReceived).ok());
    const auto counters = store.value().counters().value();
    EXPECT_EQ(counters.stored, 2);
    EXPECT_EQ(counters.duplicates, 1);
    EXPECT_EQ(counters.alerts, 1);
    EXPECT_EQ(Reader(path).text("SELECT id FROM alerts"), "unit-0001/2");
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
