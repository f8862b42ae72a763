#include "receiver/record_check.hpp"

#include <limits>

namespace anpr::receiver {
namespace {

/// seq as the store keeps it; nullopt when it is not a whole number in range.
std::optional<std::int64_t> sequence_number(const nlohmann::json& seq) {
    if (seq.is_number_unsigned()) {
        const auto value = seq.get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(value);
    }
    if (seq.is_number_integer()) return seq.get<std::int64_t>();
    // A whole number written as 12.0 is an integer to JSON Schema; 2^63 and
    // beyond do not fit.
    constexpr double kLimit = 9223372036854775808.0;
    if (seq.is_number_float()) {
        const double value = seq.get<double>();
        if (value >= -kLimit && value < kLimit &&
            static_cast<double>(static_cast<std::int64_t>(value)) == value)
            return static_cast<std::int64_t>(value);
    }
    return std::nullopt;
}

/// A member of a hit as AlertHit shows it.
std::string shown(const nlohmann::json& hit, const char* name) {
    const auto value = hit.find(name);  // end() too when hit is not an object
    if (value == hit.end()) return "?";
    return value->is_string() ? value->get<std::string>() : value->dump();
}

std::vector<AlertHit> hits_of(const nlohmann::json& record) {
    std::vector<AlertHit> hits;
    const auto found = record.find("hits");
    if (found == record.end() || !found->is_array()) return hits;
    for (const auto& hit : *found)
        hits.push_back({shown(hit, "plate"), shown(hit, "category"), shown(hit, "priority")});
    return hits;
}

}  // namespace

core::Result<AcceptedRecord> check_record(const SchemaRegistry& schemas,
                                          const nlohmann::json& record) {
    if (auto valid = schemas.validate(record); !valid) return valid.error();
    AcceptedRecord accepted;
    const auto id = record.find("id");
    if (id == record.end() || !id->is_string())
        return core::Error{"/id: every record needs a string id (its idempotency key)"};
    accepted.id = id->get<std::string>();
    accepted.schema = record.at("schema").get<std::string>();
    if (const auto unit = record.find("unit"); unit != record.end() && unit->is_string())
        accepted.unit = unit->get<std::string>();
    if (const auto seq = record.find("seq"); seq != record.end() && seq->is_number()) {
        accepted.seq = sequence_number(*seq);
        if (!accepted.seq) return core::Error{"/seq: is not a whole number that fits 64 bits"};
    }
    if (accepted.unit && accepted.seq) {
        const std::string expected = *accepted.unit + "/" + std::to_string(*accepted.seq);
        if (accepted.id != expected)
            return core::Error{"/id: must be \"<unit>/<seq>\", here \"" + expected + "\""};
    }
    accepted.body = record.dump();
    accepted.hits = hits_of(record);
    return accepted;
}

}  // namespace anpr::receiver
