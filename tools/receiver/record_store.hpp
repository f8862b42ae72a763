#pragma once
/// The receiver's durable store: accepted records in SQLite (WAL,
/// synchronous=FULL), one transaction per batch, de-duplicated by id.
///
/// Tables: reads(id TEXT PRIMARY KEY, schema, unit, seq, body, received_utc);
/// alerts(id TEXT PRIMARY KEY, unit, seq, received_ms, body), a copy of each
/// stored record that reports hit-list hits; and counters(name TEXT PRIMARY
/// KEY, value) with the rows batches, stored, duplicates, rejected and alerts,
/// updated in each batch's transaction so that they always agree with reads
/// and alerts. WAL lets tests read the file while we write.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/result.hpp"
#include "receiver/record_check.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace anpr::receiver {

/// What became of one accepted record.
enum class StoreOutcome { stored, duplicate };

struct Counters {
    std::int64_t batches = 0;
    std::int64_t stored = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejected = 0;
    std::int64_t alerts = 0;  ///< stored records with hits
};

/// One connection: use it from one thread at a time.
class RecordStore {
  public:
    /// Opens or creates the database and its tables; an Error names the file.
    static core::Result<RecordStore> open(const std::filesystem::path& path);

    /// Stores `records` in one transaction, each newly stored one with hits
    /// in alerts too, and counts the batch, what became of each record, the
    /// alerts, and `rejected` (the batch's records that failed their checks).
    /// When it returns the transaction is on disk; an Error means nothing of
    /// the batch was stored.
    core::Result<std::vector<StoreOutcome>> store_batch(
        const std::vector<AcceptedRecord>& records, std::size_t rejected,
        std::chrono::system_clock::time_point received);

    core::Result<Counters> counters() const;

  private:
    struct CloseDatabase {
        void operator()(sqlite3* db) const;
    };
    struct FinalizeStatement {
        void operator()(sqlite3_stmt* statement) const;
    };
    using Database = std::unique_ptr<sqlite3, CloseDatabase>;
    using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

    RecordStore(Database db, Statement insert, Statement insert_alert, Statement count,
                Statement read_counters)
        : db_(std::move(db)),
          insert_(std::move(insert)),
          insert_alert_(std::move(insert_alert)),
          count_(std::move(count)),
          read_counters_(std::move(read_counters)) {}

    static Statement prepare(sqlite3* db, const char* sql);
    static bool enable_wal(sqlite3* db);
    core::Status store_records(const std::vector<AcceptedRecord>& records,
                               std::chrono::system_clock::time_point received,
                               std::vector<StoreOutcome>& outcomes, std::int64_t& alerts);
    core::Status store_alert(const AcceptedRecord& record, std::int64_t received_ms);
    core::Status add_to_counter(const char* name, std::int64_t amount);
    core::Error failure(const std::string& what) const;

    // Declared before the statements, so that it is closed after them.
    Database db_;
    Statement insert_;
    Statement insert_alert_;
    Statement count_;
    Statement read_counters_;
};

}  // namespace anpr::receiver
