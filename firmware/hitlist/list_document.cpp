#include "hitlist/list_document.hpp"

#include <nlohmann/json.hpp>

#include "core/utc_text.hpp"
#include "evidence/base64.hpp"

namespace anpr::hitlist {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxActionChars = 500;
constexpr std::string_view kSignaturePrefix = "{\"signature\":";

core::Error line_error(std::size_t line, const std::string& what) {
    return core::Error{"hit list line " + std::to_string(line) + ": " + what};
}

bool valid_plate(const std::string& plate) {
    if (plate.empty() || plate.size() > 16) return false;
    for (const char c : plate) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

bool valid_country(const std::string& country) {
    if (country.size() > 3) return false;
    for (const char c : country) {
        if (c < 'A' || c > 'Z') return false;
    }
    return true;
}

/// A string field of `object`; nothing when missing or not a string.
std::optional<std::string> text_field(const json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

std::optional<std::uint64_t> count_field(const json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || !it->is_number_unsigned()) return std::nullopt;
    return it->get<std::uint64_t>();
}

core::Result<std::chrono::system_clock::time_point> time_field(const json& object, const char* name,
                                                               std::size_t line) {
    const auto text = text_field(object, name);
    if (!text) return line_error(line, std::string("no \"") + name + "\"");
    const auto time = core::parse_utc(*text);
    if (!time) return line_error(line, std::string("\"") + name + "\" is not a UTC time");
    return *time;
}

core::Result<ListHeader> parse_header(const json& object) {
    if (!object.is_object()) return line_error(1, "the header is not a JSON object");
    if (text_field(object, "schema") != kListSchema) {
        return line_error(
            1, std::string("not a hit list (\"schema\" must be \"") + kListSchema + "\")");
    }
    ListHeader header;
    const auto kind = text_field(object, "kind");
    if (kind == "full") {
        header.kind = ListHeader::Kind::full;
    } else if (kind == "delta") {
        header.kind = ListHeader::Kind::delta;
    } else {
        return line_error(1, "\"kind\" must be \"full\" or \"delta\"");
    }
    const auto version = count_field(object, "version");
    if (!version || *version == 0) return line_error(1, "\"version\" must be a whole number >= 1");
    header.version = *version;
    if (header.kind == ListHeader::Kind::delta) {
        const auto base = count_field(object, "base_version");
        if (!base || *base >= header.version) {
            return line_error(1, "a delta's \"base_version\" must be below its version");
        }
        header.base_version = *base;
    }
    auto issued = time_field(object, "issued_utc", 1);
    if (!issued) return issued.error();
    auto expires = time_field(object, "expires_utc", 1);
    if (!expires) return expires.error();
    header.issued = issued.value();
    header.expires = expires.value();
    const auto key = text_field(object, "key_id");
    if (!key) return line_error(1, "no \"key_id\"");
    header.key_id = *key;
    return header;
}

/// plate, country and category of an entry or removal line.
core::Result<EntryKey> parse_key(const json& object, std::size_t line) {
    const auto plate = text_field(object, "plate");
    if (!plate || !valid_plate(*plate)) {
        return line_error(line, "\"plate\" must be 1 to 16 upper-case letters and digits");
    }
    const auto country = text_field(object, "country").value_or("");
    if (!valid_country(country)) return line_error(line, "\"country\" must be an ISO code or \"\"");
    const auto category_text = text_field(object, "category");
    const auto category = category_text ? category_named(*category_text) : std::nullopt;
    if (!category) return line_error(line, "unknown \"category\"");
    return EntryKey{*plate, country, *category};
}

core::Result<HitEntry> parse_entry(const json& object, const EntryKey& key, std::size_t line) {
    HitEntry entry;
    entry.plate = key.plate;
    entry.country = key.country;
    entry.category = key.category;
    const auto priority = count_field(object, "priority");
    if (!priority || *priority < 1 || *priority > 9) {
        return line_error(line, "\"priority\" must be 1 to 9");
    }
    entry.priority = static_cast<int>(*priority);
    const auto action = text_field(object, "action");
    if (!action || action->size() > kMaxActionChars) {
        return line_error(line, "\"action\" must be a text of at most 500 bytes");
    }
    entry.action = *action;
    auto expires = time_field(object, "expires_utc", line);
    if (!expires) return expires.error();
    entry.expires = expires.value();
    return entry;
}

core::Status parse_body_line(const json& object, ListDocument& document, std::size_t line) {
    if (!object.is_object()) return line_error(line, "not a JSON object");
    auto key = parse_key(object, line);
    if (!key) return key.error();
    if (const auto remove = object.find("remove"); remove != object.end()) {
        if (document.header.kind != ListHeader::Kind::delta || !remove->is_boolean() ||
            !remove->get<bool>()) {
            return line_error(line, "\"remove\": true is for deltas only");
        }
        document.removals.push_back(std::move(key).value());
        return core::Ok{};
    }
    auto entry = parse_entry(object, key.value(), line);
    if (!entry) return entry.error();
    document.entries.push_back(std::move(entry).value());
    return core::Ok{};
}

json header_json(const ListHeader& header) {
    json object = {{"schema", kListSchema},
                   {"kind", header.kind == ListHeader::Kind::full ? "full" : "delta"},
                   {"version", header.version}};
    if (header.kind == ListHeader::Kind::delta) object["base_version"] = header.base_version;
    object["issued_utc"] = core::utc_seconds_text(header.issued);
    object["expires_utc"] = core::utc_seconds_text(header.expires);
    object["key_id"] = header.key_id;
    return object;
}

json key_json(const EntryKey& key) {
    return {{"plate", key.plate},
            {"country", key.country},
            {"category", std::string(category_name(key.category))}};
}

}  // namespace

core::Result<ListDocument> read_list_document(std::string_view bytes,
                                              const evidence::PublicKey& authority,
                                              std::size_t max_bytes) {
    if (bytes.size() > max_bytes) {
        return core::Error{"hit list of " + std::to_string(bytes.size()) +
                           " bytes is larger than the limit of " + std::to_string(max_bytes) +
                           " (hitlist.max_mb)"};
    }
    // The signature line is the last: everything before it is signed.
    std::string_view text = bytes;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    const std::size_t last_line = text.rfind('\n');
    const std::string_view signature_line =
        last_line == std::string_view::npos ? text : text.substr(last_line + 1);
    if (last_line == std::string_view::npos || !signature_line.starts_with(kSignaturePrefix)) {
        return core::Error{"hit list is not signed: its last line is no signature (truncated?)"};
    }
    const std::string_view signed_part = bytes.substr(0, last_line + 1);
    const json signature_object = json::parse(signature_line, nullptr, false);
    const auto signature_text =
        signature_object.is_object() ? text_field(signature_object, "signature") : std::nullopt;
    const auto signature = signature_text ? evidence::base64_decode(*signature_text) : std::nullopt;
    if (!signature || signature->size() != 64) {
        return core::Error{"hit list's signature line is garbled"};
    }
    const std::size_t header_end = signed_part.find('\n');
    const json header_object = json::parse(signed_part.substr(0, header_end), nullptr, false);
    auto header = parse_header(header_object);
    if (!header) return header.error();
    const std::string authority_id = evidence::key_id(authority);
    if (header.value().key_id != authority_id) {
        return core::Error{"hit list is signed by another key (" + header.value().key_id +
                           "), not the list authority's (" + authority_id + ")"};
    }
    if (!authority.verify(signed_part, *signature)) {
        return core::Error{
            "hit list's signature does not verify with the list authority's key: it was altered"};
    }
    ListDocument document;
    document.header = std::move(header).value();
    std::size_t line = 1;
    for (std::size_t start = header_end + 1; start < signed_part.size();) {
        const std::size_t end = signed_part.find('\n', start);
        ++line;
        const json object = json::parse(signed_part.substr(start, end - start), nullptr, false);
        if (const auto status = parse_body_line(object, document, line); !status.ok()) {
            return status.error();
        }
        start = end + 1;
    }
    return document;
}

core::Result<std::string> write_list_document(const ListDocument& document,
                                              const evidence::SigningKey& authority) {
    std::string text = header_json(document.header).dump() + "\n";
    for (std::size_t i = 0; i < document.entries.size(); ++i) {
        const auto& entry = document.entries[i];
        json object = key_json(key_of(entry));
        object["priority"] = entry.priority;
        object["action"] = entry.action;
        object["expires_utc"] = core::utc_seconds_text(entry.expires);
        try {
            text += object.dump() + "\n";
        } catch (const json::type_error&) {
            return core::Error{"entry " + std::to_string(i + 1) + " (" + entry.plate +
                               ") holds text that is not UTF-8"};
        }
    }
    for (const auto& key : document.removals) {
        json object = key_json(key);
        object["remove"] = true;
        text += object.dump() + "\n";
    }
    auto signature = authority.sign(text);
    if (!signature) return signature.error();
    return text + json{{"signature", evidence::base64_encode(signature.value())}}.dump() + "\n";
}

}  // namespace anpr::hitlist
