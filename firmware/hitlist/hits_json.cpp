#include "hitlist/hits_json.hpp"

#include <string>

#include "core/utc_text.hpp"

namespace anpr::hitlist {

nlohmann::ordered_json hits_json(const std::vector<HitMatch>& matches, std::uint64_t list_version) {
    auto hits = nlohmann::ordered_json::array();
    for (const auto& match : matches) {
        if (hits.size() == kMaxHits) break;
        auto swaps = nlohmann::ordered_json::array();
        for (const auto& swap : match.substitutions) {
            swaps.push_back({{"position", swap.position},
                             {"read", std::string(1, swap.read)},
                             {"listed", std::string(1, swap.listed)}});
        }
        hits.push_back({{"list_version", list_version},
                        {"plate", match.entry.plate},
                        {"country", match.entry.country},
                        {"category", std::string(category_name(match.entry.category))},
                        {"priority", match.entry.priority},
                        {"action", match.entry.action},
                        {"expires_utc", core::utc_seconds_text(match.entry.expires)},
                        {"matched_text", match.matched_text},
                        {"match", match.substitutions.empty() ? "exact" : "look-alike"},
                        {"substitutions", std::move(swaps)}});
    }
    return hits;
}

}  // namespace anpr::hitlist
