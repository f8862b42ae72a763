#include "hitlist/list_update.hpp"

#include <map>

#include "core/utc_text.hpp"

namespace anpr::hitlist {

core::Result<StoredList> updated_list(const std::optional<StoredList>& active,
                                      const ListDocument& document,
                                      std::chrono::system_clock::time_point now) {
    const ListHeader& header = document.header;
    const std::string name = "hit list version " + std::to_string(header.version);
    if (header.expires <= now) {
        return core::Error{name + " expired at " + core::utc_seconds_text(header.expires) +
                           ": refused"};
    }
    if (active && header.version <= active->header.version) {
        return core::Error{name + " is not newer than the active version " +
                           std::to_string(active->header.version) + ": rollback refused"};
    }
    std::map<EntryKey, HitEntry> entries;
    if (header.kind == ListHeader::Kind::delta) {
        if (!active || active->header.version != header.base_version) {
            return core::Error{name + " is a delta from version " +
                               std::to_string(header.base_version) + ", but the unit holds " +
                               (active ? "version " + std::to_string(active->header.version)
                                       : std::string("no list")) +
                               ": refused"};
        }
        for (const auto& entry : active->entries) entries.insert_or_assign(key_of(entry), entry);
        for (const auto& key : document.removals) entries.erase(key);
    }
    for (const auto& entry : document.entries) entries.insert_or_assign(key_of(entry), entry);
    StoredList list;
    list.header = header;
    list.header.kind = ListHeader::Kind::full;
    list.header.base_version = 0;
    list.entries.reserve(entries.size());
    for (auto& [key, entry] : entries) list.entries.push_back(std::move(entry));
    return list;
}

}  // namespace anpr::hitlist
