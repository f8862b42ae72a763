#include "uplink/outbox.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

namespace anpr::uplink {
namespace {

// 1: queue, dead letters, sequence number; 2: and the hash chain's last link.
constexpr int kLayoutVersion = 2;
// The chain's link before a unit's first record.
const std::string kChainStart(64, '0');

constexpr const char* kCreateTables = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES ('last_seq', 0);
CREATE TABLE IF NOT EXISTS queue(
  seq INTEGER PRIMARY KEY, lane INTEGER NOT NULL, id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL, created_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS queue_by_lane ON queue(lane, seq);
CREATE TABLE IF NOT EXISTS dead_letter(
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, http_status INTEGER NOT NULL,
  reason TEXT NOT NULL, body TEXT NOT NULL, rejected_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS chain(one INTEGER PRIMARY KEY CHECK (one = 1), last_hash TEXT NOT NULL);
)sql";

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// Creates the database file readable by its owner only (it holds plates);
/// SQLite gives its -wal and -shm files the same mode.
core::Status create_private(const std::filesystem::path& path) {
    std::error_code failed;
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path(), failed);
        if (failed) {
            return core::Error{"outbox: cannot create folder '" + path.parent_path().string() +
                               "': " + failed.message()};
        }
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return core::Error{"outbox: cannot create '" + path.string() +
                           "': " + std::error_code(errno, std::generic_category()).message()};
    }
    ::close(fd);
    return core::Ok{};
}

AddOutcome refused(const storage::SqliteError& error) {
    if (error.code == SQLITE_FULL) {
        return {AddOutcome::Kind::full, 0, "outbox " + error.message + " (the disk is full)"};
    }
    return {AddOutcome::Kind::failed, 0, "outbox " + error.message};
}

}  // namespace

core::Result<Outbox> Outbox::open(const std::filesystem::path& path, std::uint64_t quota_bytes) {
    if (!std::filesystem::exists(path)) {
        if (auto created = create_private(path); !created) return created.error();
    }
    auto db = storage::SqliteDb::open(path, false);
    if (!db) return core::Error{"outbox " + db.error().message};
    auto& sql = db.value();
    auto version = sql.integer("PRAGMA user_version", "reading the layout version");
    if (!version) return core::Error{"outbox " + version.error().message};
    if (version.value() < 0 || version.value() > kLayoutVersion) {
        return core::Error{"outbox '" + path.string() + "' has layout version " +
                           std::to_string(version.value()) + "; this firmware knows " +
                           std::to_string(kLayoutVersion)};
    }
    // WAL lets the uplink read while the unit writes; FULL syncs every commit
    // to the disk before it returns, so a committed record survives power loss.
    auto mode = sql.text("PRAGMA journal_mode=WAL", "switching to write-ahead logging");
    if (!mode) return core::Error{"outbox " + mode.error().message};
    if (mode.value() != "wal") {
        return core::Error{"outbox '" + path.string() + "': the file system refused write-ahead " +
                           "logging (journal mode " + mode.value() + ")"};
    }
    if (auto failed = sql.exec("PRAGMA synchronous=FULL", "setting up")) {
        return core::Error{"outbox " + failed->message};
    }
    // An outbox already laid out is opened without writing: a full disk must
    // not keep the unit, or a technician's `anpr outbox`, from reading it.
    if (version.value() == kLayoutVersion) return Outbox(std::move(db).value(), quota_bytes);
    const std::string start_chain =
        "INSERT OR IGNORE INTO chain(one, last_hash) VALUES (1, '" + kChainStart + "')";
    const std::string set_version = "PRAGMA user_version=" + std::to_string(kLayoutVersion);
    for (const std::string& step : {std::string(kCreateTables), start_chain, set_version}) {
        if (auto failed = sql.exec(step, "laying it out")) {
            return core::Error{"outbox " + failed->message};
        }
    }
    return Outbox(std::move(db).value(), quota_bytes);
}

Outbox::Outbox(Outbox&& other) noexcept
    : db_(std::move(other.db_)), quota_bytes_(other.quota_bytes_) {}

core::Result<std::uint64_t> Outbox::used_bytes() {
    auto pages = db_.integer(
        "SELECT (SELECT page_count FROM pragma_page_count()) - "
        "(SELECT freelist_count FROM pragma_freelist_count())",
        "measuring its size");
    auto page_size = db_.integer("PRAGMA page_size", "measuring its size");
    if (!pages) return pages.error();
    if (!page_size) return page_size.error();
    return static_cast<std::uint64_t>(pages.value() * page_size.value());
}

AddOutcome Outbox::add(Lane lane, const MakeRecord& make) {
    std::lock_guard lock(mutex_);
    if (auto failed = db_.exec("BEGIN IMMEDIATE", "starting a transaction"))
        return refused(*failed);
    AddOutcome outcome = add_locked(lane, make);
    if (outcome.kind == AddOutcome::Kind::stored) {
        if (auto failed = db_.exec("COMMIT", "committing a record")) outcome = refused(*failed);
    }
    if (outcome.kind != AddOutcome::Kind::stored) db_.exec("ROLLBACK", "rolling back");
    return outcome;
}

AddOutcome Outbox::add_locked(Lane lane, const MakeRecord& make) {
    auto used = used_bytes();
    if (!used) return {AddOutcome::Kind::failed, 0, "outbox " + used.error().message};
    const std::uint64_t limit =
        lane == Lane::priority ? quota_bytes_ + quota_bytes_ / 10 : quota_bytes_;
    if (used.value() >= limit) {
        return {AddOutcome::Kind::full, 0,
                "outbox '" + path().string() + "' is full: " + std::to_string(used.value() / 1000) +
                    " kB used of a quota of " + std::to_string(limit / 1000) + " kB"};
    }
    auto last =
        db_.integer("SELECT value FROM meta WHERE key = 'last_seq'", "reading the sequence number");
    if (!last) return {AddOutcome::Kind::failed, 0, "outbox " + last.error().message};
    const auto seq = static_cast<std::uint64_t>(last.value()) + 1;
    auto prev_hash = db_.text("SELECT last_hash FROM chain", "reading the hash chain");
    if (!prev_hash) return {AddOutcome::Kind::failed, 0, "outbox " + prev_hash.error().message};
    const auto made = make(seq, prev_hash.value());
    if (!made) return {AddOutcome::Kind::failed, 0, made.error().message};
    const NewRecord& record = made.value();

    auto insert =
        db_.prepare("INSERT INTO queue(seq, lane, id, body, created_ms) VALUES (?, ?, ?, ?, ?)",
                    "storing a record");
    if (!insert) return {AddOutcome::Kind::failed, 0, "outbox " + insert.error().message};
    insert.value()
        .bind(1, static_cast<std::int64_t>(seq))
        .bind(2, static_cast<std::int64_t>(lane))
        .bind(3, record.id)
        .bind(4, record.body)
        .bind(5, now_ms());
    if (!insert.value().run()) return refused(*insert.value().error());

    auto count = db_.prepare("UPDATE meta SET value = ? WHERE key = 'last_seq'",
                             "storing the sequence number");
    if (!count) return {AddOutcome::Kind::failed, 0, "outbox " + count.error().message};
    count.value().bind(1, static_cast<std::int64_t>(seq));
    if (!count.value().run()) return refused(*count.value().error());

    auto link = db_.prepare("UPDATE chain SET last_hash = ?", "storing the hash chain");
    if (!link) return {AddOutcome::Kind::failed, 0, "outbox " + link.error().message};
    link.value().bind(1, record.hash);
    if (!link.value().run()) return refused(*link.value().error());
    return {AddOutcome::Kind::stored, seq, {}};
}

core::Result<std::vector<QueuedRecord>> Outbox::next_batch(std::size_t max_records,
                                                           std::size_t max_bytes) {
    std::lock_guard lock(mutex_);
    auto select = db_.prepare("SELECT seq, lane, id, body FROM queue ORDER BY lane, seq LIMIT ?",
                              "taking a batch");
    if (!select) return core::Error{"outbox " + select.error().message};
    auto& rows = select.value();
    rows.bind(1, static_cast<std::int64_t>(max_records));
    std::vector<QueuedRecord> batch;
    std::size_t bytes = 0;
    while (rows.step()) {
        QueuedRecord record{static_cast<std::uint64_t>(rows.integer(0)),
                            static_cast<Lane>(rows.integer(1)), rows.text(2), rows.text(3)};
        bytes += record.body.size();
        if (!batch.empty() && bytes > max_bytes) break;
        batch.push_back(std::move(record));
    }
    if (rows.error()) return core::Error{"outbox " + rows.error()->message};
    return batch;
}

core::Result<std::uint64_t> Outbox::purge(Lane lane, std::chrono::system_clock::time_point before) {
    std::lock_guard lock(mutex_);
    auto remove = db_.prepare("DELETE FROM queue WHERE lane = ? AND created_ms < ?",
                              "deleting records past their retention");
    if (!remove) return remove.error();
    remove.value()
        .bind(1, static_cast<std::int64_t>(lane))
        .bind(2, std::chrono::duration_cast<std::chrono::milliseconds>(before.time_since_epoch())
                     .count());
    if (!remove.value().run()) return remove.value().error()->error();
    return static_cast<std::uint64_t>(sqlite3_changes(db_.handle()));
}

std::optional<storage::SqliteError> Outbox::delivered(const std::vector<std::uint64_t>& seqs) {
    std::lock_guard lock(mutex_);
    if (auto failed = db_.exec("BEGIN IMMEDIATE", "starting a transaction")) return failed;
    auto remove = db_.prepare("DELETE FROM queue WHERE seq = ?", "removing a delivered record");
    if (!remove) {
        db_.exec("ROLLBACK", "rolling back");
        return storage::SqliteError{SQLITE_ERROR, remove.error().message};
    }
    for (const auto seq : seqs) {
        remove.value().reset();
        remove.value().bind(1, static_cast<std::int64_t>(seq));
        if (!remove.value().run()) {
            db_.exec("ROLLBACK", "rolling back");
            return remove.value().error();
        }
    }
    if (auto failed = db_.exec("COMMIT", "committing deliveries")) {
        db_.exec("ROLLBACK", "rolling back");
        return failed;
    }
    return std::nullopt;
}

std::optional<storage::SqliteError> Outbox::dead_letter(std::uint64_t seq, int http_status,
                                                        const std::string& reason) {
    std::lock_guard lock(mutex_);
    if (auto failed = db_.exec("BEGIN IMMEDIATE", "starting a transaction")) return failed;
    auto move = db_.prepare(
        "INSERT INTO dead_letter(seq, id, http_status, reason, body, rejected_ms) "
        "SELECT seq, id, ?, ?, body, ? FROM queue WHERE seq = ?",
        "keeping a refused record");
    auto remove = db_.prepare("DELETE FROM queue WHERE seq = ?", "removing a refused record");
    if (!move || !remove) {
        db_.exec("ROLLBACK", "rolling back");
        return storage::SqliteError{SQLITE_ERROR, (!move ? move.error() : remove.error()).message};
    }
    move.value()
        .bind(1, static_cast<std::int64_t>(http_status))
        .bind(2, reason)
        .bind(3, now_ms())
        .bind(4, static_cast<std::int64_t>(seq));
    remove.value().bind(1, static_cast<std::int64_t>(seq));
    for (auto* statement : {&move.value(), &remove.value()}) {
        if (!statement->run()) {
            db_.exec("ROLLBACK", "rolling back");
            return statement->error();
        }
    }
    if (auto failed = db_.exec("COMMIT", "committing a dead letter")) {
        db_.exec("ROLLBACK", "rolling back");
        return failed;
    }
    return std::nullopt;
}

core::Result<OutboxDepths> Outbox::depths() {
    std::lock_guard lock(mutex_);
    OutboxDepths depths;
    auto lanes = db_.prepare("SELECT lane, COUNT(*) FROM queue GROUP BY lane", "counting records");
    if (!lanes) return core::Error{"outbox " + lanes.error().message};
    while (lanes.value().step()) {
        const auto count = static_cast<std::uint64_t>(lanes.value().integer(1));
        (lanes.value().integer(0) == static_cast<int>(Lane::priority) ? depths.priority
                                                                      : depths.ordinary) = count;
    }
    if (lanes.value().error()) return core::Error{"outbox " + lanes.value().error()->message};
    auto dead = db_.integer("SELECT COUNT(*) FROM dead_letter", "counting dead letters");
    auto last =
        db_.integer("SELECT value FROM meta WHERE key = 'last_seq'", "reading the sequence number");
    auto used = used_bytes();
    if (!dead) return core::Error{"outbox " + dead.error().message};
    if (!last) return core::Error{"outbox " + last.error().message};
    if (!used) return core::Error{"outbox " + used.error().message};
    depths.dead_letters = static_cast<std::uint64_t>(dead.value());
    depths.last_seq = static_cast<std::uint64_t>(last.value());
    depths.bytes = used.value();
    return depths;
}

core::Result<std::vector<Outbox::DeadLetter>> Outbox::dead_letters() {
    std::lock_guard lock(mutex_);
    auto select =
        db_.prepare("SELECT seq, id, http_status, reason, body FROM dead_letter ORDER BY seq",
                    "reading dead letters");
    if (!select) return core::Error{"outbox " + select.error().message};
    auto& rows = select.value();
    std::vector<DeadLetter> letters;
    while (rows.step()) {
        letters.push_back({static_cast<std::uint64_t>(rows.integer(0)), rows.text(1),
                           static_cast<int>(rows.integer(2)), rows.text(3), rows.text(4)});
    }
    if (rows.error()) return core::Error{"outbox " + rows.error()->message};
    return letters;
}

}  // namespace anpr::uplink
