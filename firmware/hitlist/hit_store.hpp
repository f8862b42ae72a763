#pragma once
/// The active hit list on the unit's disk (SQLite, WAL, full sync, mode
/// 0600), so that a unit restarted offline matches at once with its last
/// good list. A new list replaces the stored one in one transaction: a power
/// cut leaves the old list or the new one, never a mix.

#include <filesystem>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "hitlist/list_document.hpp"
#include "storage/sqlite_db.hpp"

namespace anpr::hitlist {

struct StoredList {
    ListHeader header;  ///< kind full: the stored list is always whole
    std::vector<HitEntry> entries;
};

class HitStore {
  public:
    /// Opens the store at `path`, creating it (and its folders) when missing.
    static core::Result<HitStore> open(const std::filesystem::path& path);

    /// The stored list; nothing when none was stored yet.
    core::Result<std::optional<StoredList>> load();
    /// Replaces the stored list with `list`.
    core::Status save(const StoredList& list);

  private:
    explicit HitStore(storage::SqliteDb db) : db_(std::move(db)) {}
    core::Status save_locked(const StoredList& list);
    storage::SqliteDb db_;
};

}  // namespace anpr::hitlist
