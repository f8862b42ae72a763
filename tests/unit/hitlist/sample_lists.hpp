#pragma once
/// Hit lists for the tests: entries, and documents signed by a test authority.

#include <chrono>
#include <string>
#include <vector>

#include "evidence/signing_key.hpp"
#include "hitlist/list_document.hpp"

namespace anpr::hitlist::testing {

using namespace std::chrono_literals;

inline const auto kNow = std::chrono::system_clock::time_point{std::chrono::seconds(1'795'000'000)};

inline HitEntry entry(const std::string& plate, Category category = Category::stolen_vehicle,
                      const std::string& country = "BE", int priority = 1) {
    return {plate, country, category, priority, "Stop the vehicle; check the driver", kNow + 24h};
}

inline ListDocument full_list(std::uint64_t version, std::vector<HitEntry> entries,
                              const evidence::SigningKey& key) {
    ListDocument document;
    document.header.kind = ListHeader::Kind::full;
    document.header.version = version;
    document.header.issued = kNow - 1h;
    document.header.expires = kNow + 7 * 24h;
    document.header.key_id = evidence::key_id(key.public_key());
    document.entries = std::move(entries);
    return document;
}

inline std::string signed_text(const ListDocument& document, const evidence::SigningKey& key) {
    return write_list_document(document, key).value();
}

}  // namespace anpr::hitlist::testing
