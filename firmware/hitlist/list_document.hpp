#pragma once
/// The signed hit list as the list authority issues it and the unit fetches
/// it ("anpr.hitlist/1", docs/hitlist.md): a header line, one line per entry,
/// and a last line with the authority's Ed25519 signature over every byte
/// before it. A full list holds every entry; a delta adds, replaces and
/// removes entries of the version it names.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "evidence/signing_key.hpp"
#include "hitlist/hit_entry.hpp"

namespace anpr::hitlist {

inline constexpr const char* kListSchema = "anpr.hitlist/1";

struct ListHeader {
    enum class Kind { full, delta };
    Kind kind = Kind::full;
    std::uint64_t version = 0;       ///< rises with every list the authority issues
    std::uint64_t base_version = 0;  ///< a delta: the version it applies to
    std::chrono::system_clock::time_point issued;
    std::chrono::system_clock::time_point expires;  ///< the unit must not use it after
    std::string key_id;                             ///< evidence::key_id of the authority's key
};

struct ListDocument {
    ListHeader header;
    std::vector<HitEntry> entries;   ///< full: the list; delta: entries added or replaced
    std::vector<EntryKey> removals;  ///< delta only
};

/// Checks and reads a list: at most `max_bytes`, ending in a signature line,
/// signed by `authority`, every line well formed. The error says which of
/// these failed, and on which line.
core::Result<ListDocument> read_list_document(std::string_view bytes,
                                              const evidence::PublicKey& authority,
                                              std::size_t max_bytes);

/// The signed text of `document` (the list authority's `anpr hitlist-sign`).
core::Result<std::string> write_list_document(const ListDocument& document,
                                              const evidence::SigningKey& authority);

}  // namespace anpr::hitlist
