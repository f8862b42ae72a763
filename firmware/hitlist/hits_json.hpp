#pragma once
/// The "hits" of a read record (docs/read-record.md): what a passage hit on
/// the hit list, and how it matched.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "hitlist/hit_index.hpp"

namespace anpr::hitlist {

/// [{"list_version", "plate", "country", "category", "priority", "action",
///   "expires_utc", "matched_text", "match": "exact" | "look-alike",
///   "substitutions": [{"position", "read", "listed"}]}], in the order
/// matched (most urgent first), at most kMaxHits: the record's limit.
inline constexpr std::size_t kMaxHits = 16;

nlohmann::ordered_json hits_json(const std::vector<HitMatch>& matches, std::uint64_t list_version);

}  // namespace anpr::hitlist
