#pragma once
/// Hit list files as the list authority writes them (docs/receiver.md), for
/// the receiver's tests: a JSON header line, one entry, a signature line. The
/// signature is not real: the receiver does not check it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace anpr::receiver::testing {

/// The full list at `version`, or with `base` the delta from `base` to it.
inline std::string hitlist_text(std::uint64_t version,
                                std::optional<std::uint64_t> base = std::nullopt) {
    nlohmann::ordered_json header = {
        {"schema", "anpr.hitlist/1"}, {"kind", base ? "delta" : "full"}, {"version", version}};
    if (base) header["base_version"] = *base;
    header["issued_utc"] = "2026-11-29T10:00:00Z";
    header["expires_utc"] = "2026-12-06T10:00:00Z";
    header["key_id"] = "0123456789abcdef";
    return header.dump() + "\n" +
           R"({"plate":"1ABC128","country":"BE","category":"stolen_vehicle","priority":1})" + "\n" +
           R"({"signature":"c2lnbmF0dXJl"})" + "\n";
}

}  // namespace anpr::receiver::testing
