#include "hitlist/hit_store.hpp"

#include <sys/stat.h>

namespace anpr::hitlist {
namespace {

constexpr const char* kLayout = R"sql(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE IF NOT EXISTS list(
  one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL,
  issued_s INTEGER NOT NULL, expires_s INTEGER NOT NULL, key_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries(
  plate TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  priority INTEGER NOT NULL, action TEXT NOT NULL, expires_s INTEGER NOT NULL);
)sql";

std::chrono::system_clock::time_point time_of(std::int64_t seconds) {
    return std::chrono::system_clock::time_point{std::chrono::seconds(seconds)};
}

}  // namespace

core::Result<HitStore> HitStore::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    auto db = storage::SqliteDb::open(path, true);
    if (!db) return db.error();
    ::chmod(path.c_str(), 0600);
    if (auto failed = db.value().exec(kLayout, "laying out the hit list store")) {
        return failed->error();
    }
    return HitStore(std::move(db).value());
}

core::Result<std::optional<StoredList>> HitStore::load() {
    auto header = db_.prepare("SELECT version, issued_s, expires_s, key_id FROM list",
                              "reading the stored hit list");
    if (!header) return header.error();
    if (!header.value().step()) {
        if (const auto& failed = header.value().error()) return failed->error();
        return std::optional<StoredList>();
    }
    StoredList list;
    list.header.kind = ListHeader::Kind::full;
    list.header.version = static_cast<std::uint64_t>(header.value().integer(0));
    list.header.issued = time_of(header.value().integer(1));
    list.header.expires = time_of(header.value().integer(2));
    list.header.key_id = header.value().text(3);
    auto rows =
        db_.prepare("SELECT plate, country, category, priority, action, expires_s FROM entries",
                    "reading the stored hit list");
    if (!rows) return rows.error();
    while (rows.value().step()) {
        const auto category = category_named(rows.value().text(2));
        if (!category) {
            return core::Error{"hit list store '" + db_.path().string() +
                               "' holds an unknown category '" + rows.value().text(2) + "'"};
        }
        list.entries.push_back({rows.value().text(0), rows.value().text(1), *category,
                                static_cast<int>(rows.value().integer(3)), rows.value().text(4),
                                time_of(rows.value().integer(5))});
    }
    if (const auto& failed = rows.value().error()) return failed->error();
    return std::optional<StoredList>(std::move(list));
}

core::Status HitStore::save(const StoredList& list) {
    if (auto failed = db_.exec("BEGIN IMMEDIATE", "starting to store a hit list")) {
        return failed->error();
    }
    auto saved = save_locked(list);
    if (saved) {
        if (auto failed = db_.exec("COMMIT", "storing a hit list")) saved = failed->error();
    }
    if (!saved) db_.exec("ROLLBACK", "rolling back a hit list");
    return saved;
}

core::Status HitStore::save_locked(const StoredList& list) {
    if (auto failed = db_.exec("DELETE FROM entries; DELETE FROM list", "clearing the hit list")) {
        return failed->error();
    }
    auto header = db_.prepare(
        "INSERT INTO list(one, version, issued_s, expires_s, key_id) VALUES (1, ?, ?, ?, ?)",
        "storing the hit list's header");
    if (!header) return header.error();
    header.value()
        .bind(1, static_cast<std::int64_t>(list.header.version))
        .bind(2, seconds_of(list.header.issued))
        .bind(3, seconds_of(list.header.expires))
        .bind(4, list.header.key_id);
    if (!header.value().run()) return header.value().error()->error();
    auto insert = db_.prepare(
        "INSERT INTO entries(plate, country, category, priority, action, expires_s) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        "storing the hit list's entries");
    if (!insert) return insert.error();
    for (const auto& entry : list.entries) {
        insert.value().reset();
        insert.value()
            .bind(1, entry.plate)
            .bind(2, entry.country)
            .bind(3, category_name(entry.category))
            .bind(4, static_cast<std::int64_t>(entry.priority))
            .bind(5, entry.action)
            .bind(6, seconds_of(entry.expires));
        if (!insert.value().run()) return insert.value().error()->error();
    }
    return core::Ok{};
}

}  // namespace anpr::hitlist
