#include "receiver/record_store.hpp"

#include <sqlite3.h>

#include <ctime>
#include <string>
#include <string_view>

namespace anpr::receiver {
namespace {

constexpr const char* kCreateTables = R"sql(
CREATE TABLE IF NOT EXISTS reads(
  id TEXT PRIMARY KEY,
  schema TEXT NOT NULL,
  unit TEXT,
  seq INTEGER,
  body TEXT NOT NULL,
  received_utc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts(
  id TEXT PRIMARY KEY,
  unit TEXT,
  seq INTEGER,
  received_ms INTEGER NOT NULL,
  body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters(name TEXT PRIMARY KEY, value INTEGER);
INSERT INTO counters(name, value)
  VALUES ('batches', 0), ('stored', 0), ('duplicates', 0), ('rejected', 0), ('alerts', 0)
  ON CONFLICT(name) DO NOTHING;
)sql";

constexpr const char* kInsert =
    "INSERT INTO reads(id, schema, unit, seq, body, received_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT(id) DO NOTHING";
// A record's first storing adds its alert; ON CONFLICT keeps a resend of a
// record deleted from reads (but not from alerts) from failing its batch.
constexpr const char* kInsertAlert =
    "INSERT INTO alerts(id, unit, seq, received_ms, body) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(id) DO NOTHING";
constexpr const char* kCount = "UPDATE counters SET value = value + ?2 WHERE name = ?1";
constexpr const char* kReadCounters = "SELECT name, value FROM counters";

/// Resets a statement when a use of it ends, so that it holds no lock.
class ResetOnExit {
  public:
    explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
    ~ResetOnExit() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

  private:
    sqlite3_stmt* statement_;
};

/// A write transaction rolled back unless committed, whatever way the scope is left.
class Transaction {
  public:
    explicit Transaction(sqlite3* db) : db_(db) {}
    ~Transaction() {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool begin() {
        open_ = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
        return open_;
    }
    bool commit() {
        if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
        open_ = false;
        return true;
    }

  private:
    sqlite3* db_;
    bool open_ = false;
};

/// "2026-11-29T10:24:00.123Z"
std::string utc_text(std::chrono::system_clock::time_point time) {
    const auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(time);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(ms);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    const auto millis = (ms.time_since_epoch() % std::chrono::seconds(1)).count();
    const std::string fraction = std::to_string(1000 + millis);  // "1007" for 7 ms
    return std::string(text, length) + "." + fraction.substr(1) + "Z";
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}

/// Binds a record's unit and seq, NULL where it has none.
void bind_unit_and_seq(sqlite3_stmt* statement, int unit_index, const AcceptedRecord& record) {
    if (record.unit) bind_text(statement, unit_index, *record.unit);
    if (record.seq) sqlite3_bind_int64(statement, unit_index + 1, *record.seq);
}

}  // namespace

void RecordStore::CloseDatabase::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

void RecordStore::FinalizeStatement::operator()(sqlite3_stmt* statement) const {
    sqlite3_finalize(statement);
}

RecordStore::Statement RecordStore::prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    return Statement(statement);
}

bool RecordStore::enable_wal(sqlite3* db) {
    const Statement journal = prepare(db, "PRAGMA journal_mode=WAL");
    if (!journal || sqlite3_step(journal.get()) != SQLITE_ROW) return false;
    const unsigned char* mode = sqlite3_column_text(journal.get(), 0);
    return mode != nullptr && std::string_view(reinterpret_cast<const char*>(mode)) == "wal";
}

core::Result<RecordStore> RecordStore::open(const std::filesystem::path& path) {
    const auto fail = [&](sqlite3* db, const std::string& what) {
        return core::Error{"store '" + path.string() + "': cannot " + what + ": " +
                           (db != nullptr ? sqlite3_errmsg(db) : "out of memory")};
    };
    sqlite3* raw = nullptr;
    const int opened =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Database db(raw);
    if (opened != SQLITE_OK) return fail(db.get(), "open");
    sqlite3_busy_timeout(db.get(), 5000);
    if (!enable_wal(db.get())) return fail(db.get(), "set WAL mode");
    if (sqlite3_exec(db.get(), "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(db.get(), "set synchronous=FULL");
    if (sqlite3_exec(db.get(), kCreateTables, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(db.get(), "create tables");
    Statement insert = prepare(db.get(), kInsert);
    Statement insert_alert = prepare(db.get(), kInsertAlert);
    Statement count = prepare(db.get(), kCount);
    Statement read_counters = prepare(db.get(), kReadCounters);
    if (!insert || !insert_alert || !count || !read_counters)
        return fail(db.get(), "prepare statements");
    return RecordStore(std::move(db), std::move(insert), std::move(insert_alert), std::move(count),
                       std::move(read_counters));
}

core::Result<std::vector<StoreOutcome>> RecordStore::store_batch(
    const std::vector<AcceptedRecord>& records, std::size_t rejected,
    std::chrono::system_clock::time_point received) {
    Transaction transaction(db_.get());
    if (!transaction.begin()) return failure("begin a transaction");
    std::vector<StoreOutcome> outcomes;
    std::int64_t alerts = 0;
    if (auto status = store_records(records, received, outcomes, alerts); !status)
        return status.error();
    std::int64_t stored = 0;
    for (const auto outcome : outcomes) stored += outcome == StoreOutcome::stored ? 1 : 0;
    const auto duplicates = static_cast<std::int64_t>(outcomes.size()) - stored;
    for (const auto& [name, amount] :
         {std::pair{"batches", std::int64_t{1}}, std::pair{"stored", stored},
          std::pair{"duplicates", duplicates},
          std::pair{"rejected", static_cast<std::int64_t>(rejected)},
          std::pair{"alerts", alerts}}) {
        if (auto status = add_to_counter(name, amount); !status) return status.error();
    }
    if (!transaction.commit()) return failure("commit");
    return outcomes;
}

core::Status RecordStore::store_records(const std::vector<AcceptedRecord>& records,
                                        std::chrono::system_clock::time_point received,
                                        std::vector<StoreOutcome>& outcomes, std::int64_t& alerts) {
    const std::string received_utc = utc_text(received);
    const std::int64_t received_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(received.time_since_epoch()).count();
    sqlite3_stmt* insert = insert_.get();
    for (const auto& record : records) {
        const ResetOnExit reset(insert);
        bind_text(insert, 1, record.id);
        bind_text(insert, 2, record.schema);
        bind_unit_and_seq(insert, 3, record);
        bind_text(insert, 5, record.body);
        bind_text(insert, 6, received_utc);
        if (sqlite3_step(insert) != SQLITE_DONE) return failure("store record '" + record.id + "'");
        const bool stored = sqlite3_changes(db_.get()) == 1;
        outcomes.push_back(stored ? StoreOutcome::stored : StoreOutcome::duplicate);
        if (!stored || record.hits.empty()) continue;
        if (auto status = store_alert(record, received_ms); !status) return status;
        alerts += sqlite3_changes(db_.get());
    }
    return core::Ok{};
}

core::Status RecordStore::store_alert(const AcceptedRecord& record, std::int64_t received_ms) {
    sqlite3_stmt* insert = insert_alert_.get();
    const ResetOnExit reset(insert);
    bind_text(insert, 1, record.id);
    bind_unit_and_seq(insert, 2, record);
    sqlite3_bind_int64(insert, 4, received_ms);
    bind_text(insert, 5, record.body);
    if (sqlite3_step(insert) != SQLITE_DONE)
        return failure("store the alert of record '" + record.id + "'");
    return core::Ok{};
}

core::Status RecordStore::add_to_counter(const char* name, std::int64_t amount) {
    const ResetOnExit reset(count_.get());
    sqlite3_bind_text(count_.get(), 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(count_.get(), 2, amount);
    if (sqlite3_step(count_.get()) != SQLITE_DONE)
        return failure(std::string("update counter ") + name);
    return core::Ok{};
}

core::Result<Counters> RecordStore::counters() const {
    const ResetOnExit reset(read_counters_.get());
    Counters counters;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(read_counters_.get())) == SQLITE_ROW) {
        const std::string name =
            reinterpret_cast<const char*>(sqlite3_column_text(read_counters_.get(), 0));
        const std::int64_t value = sqlite3_column_int64(read_counters_.get(), 1);
        if (name == "batches") counters.batches = value;
        if (name == "stored") counters.stored = value;
        if (name == "duplicates") counters.duplicates = value;
        if (name == "rejected") counters.rejected = value;
        if (name == "alerts") counters.alerts = value;
    }
    if (step != SQLITE_DONE) return failure("read counters");
    return counters;
}

core::Error RecordStore::failure(const std::string& what) const {
    return core::Error{"store: cannot " + what + ": " + sqlite3_errmsg(db_.get())};
}

}  // namespace anpr::receiver
