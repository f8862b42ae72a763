#pragma once
/// The unit's durable outbox: every record waits in SQLite (WAL, full sync)
/// from the moment it is produced until the central network acknowledges it.
/// A record counts as produced only once its transaction is committed, and
/// leaves only when it is delivered or rejected for good (dead letters).
/// Two lanes: priority records (hit alerts) are always handed out first.
/// Policy for a full quota or disk: docs/uplink.md.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "storage/sqlite_db.hpp"

namespace anpr::uplink {

enum class Lane { priority = 0, ordinary = 1 };

/// A record as the outbox is given it: its id (the receiver's idempotency
/// key), its JSON text, and its hash, the next record's link in the unit's
/// hash chain (docs/evidence.md).
struct NewRecord {
    std::string id;
    std::string body;
    std::string hash;
};

/// Makes the record numbered `seq` whose previous record's hash is
/// `prev_hash`; an Error (it cannot be signed) leaves the outbox unchanged.
using MakeRecord =
    std::function<core::Result<NewRecord>(std::uint64_t seq, const std::string& prev_hash)>;

/// What became of a record handed to `Outbox::add`.
struct AddOutcome {
    enum class Kind {
        stored,  ///< committed: the record is produced
        full,    ///< refused by the full-disk policy; the unit goes on
        failed,  ///< the disk failed (I/O, fsync, corruption): the unit must stop
    };
    Kind kind = Kind::failed;
    std::uint64_t seq = 0;  ///< the record's sequence number when stored
    std::string message;    ///< why, when not stored
};

struct QueuedRecord {
    std::uint64_t seq = 0;
    Lane lane = Lane::ordinary;
    std::string id;
    std::string body;
};

struct OutboxDepths {
    std::uint64_t priority = 0;      ///< records waiting in the priority lane
    std::uint64_t ordinary = 0;      ///< records waiting in the ordinary lane
    std::uint64_t dead_letters = 0;  ///< records the receiver refused for good
    std::uint64_t bytes = 0;         ///< database pages in use
    std::uint64_t last_seq = 0;      ///< the last sequence number given out
};

/// Thread-safe: the unit adds records while the uplink takes and removes them.
class Outbox {
  public:
    /// Opens the outbox at `path`, creating it (mode 0600, folders 0700) when
    /// missing. `quota_bytes` bounds the ordinary lane; the priority lane may
    /// use a further tenth. An Error names the file and the cause.
    static core::Result<Outbox> open(const std::filesystem::path& path, std::uint64_t quota_bytes);

    Outbox(Outbox&& other) noexcept;
    Outbox& operator=(Outbox&&) = delete;
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    /// Takes the next sequence number and the chain's last hash, makes the
    /// record with them, and commits the record, its number and its hash in
    /// one transaction: the number is used up, and the chain moves on, only
    /// if the record is stored.
    AddOutcome add(Lane lane, const MakeRecord& make);

    /// Waiting records, priority lane first, then by sequence number: at most
    /// `max_records`, and no more than `max_bytes` of bodies (one at least).
    core::Result<std::vector<QueuedRecord>> next_batch(std::size_t max_records,
                                                       std::size_t max_bytes);
    /// Deletes the records of `lane` still waiting that were produced before
    /// `before` (retention of undelivered passages); how many.
    core::Result<std::uint64_t> purge(Lane lane, std::chrono::system_clock::time_point before);

    /// Removes records the receiver acknowledged.
    std::optional<storage::SqliteError> delivered(const std::vector<std::uint64_t>& seqs);
    /// Moves a record the receiver refused for good to the dead letters, with why.
    std::optional<storage::SqliteError> dead_letter(std::uint64_t seq, int http_status,
                                                    const std::string& reason);

    core::Result<OutboxDepths> depths();
    /// Dead letters, oldest first: {seq, id, http status, reason, body}.
    struct DeadLetter {
        std::uint64_t seq = 0;
        std::string id;
        int http_status = 0;
        std::string reason;
        std::string body;
    };
    core::Result<std::vector<DeadLetter>> dead_letters();

    const std::filesystem::path& path() const { return db_.path(); }

  private:
    Outbox(storage::SqliteDb db, std::uint64_t quota_bytes)
        : db_(std::move(db)), quota_bytes_(quota_bytes) {}
    /// Bytes of database pages in use (free pages not counted).
    core::Result<std::uint64_t> used_bytes();
    AddOutcome add_locked(Lane lane, const MakeRecord& make);

    std::mutex mutex_;
    storage::SqliteDb db_;
    std::uint64_t quota_bytes_;
};

}  // namespace anpr::uplink
