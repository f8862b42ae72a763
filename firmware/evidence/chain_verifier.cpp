#include "evidence/chain_verifier.hpp"

#include <set>
#include <vector>

#include "evidence/base64.hpp"
#include "evidence/record_chain.hpp"
#include "evidence/signing_key.hpp"

namespace anpr::evidence {
namespace {

using nlohmann::json;

// A record nests three levels (record, sighting, box); far deeper is no
// record, and is cut off while parsing so that nothing recurses on it.
constexpr int kMaxDepth = 8;

/// Fills in what the record says it is, to name it in a break.
void identify(const json& record, Break& at) {
    if (!record.is_object()) return;
    if (auto seq = record.find("seq"); seq != record.end() && seq->is_number_unsigned())
        at.seq = seq->get<std::uint64_t>();
    if (auto id = record.find("id"); id != record.end() && id->is_string())
        at.id = id->get<std::string>();
}

std::optional<std::string> missing_field(const json& record) {
    if (!record.is_object()) return "not a JSON object";
    for (const char* name : {"signature", "key_id", "prev_hash", "id", "unit"}) {
        const auto field = record.find(name);
        if (field == record.end()) return std::string("field '") + name + "' missing";
        if (!field->is_string()) return std::string("field '") + name + "' is not a string";
    }
    const auto seq = record.find("seq");
    if (seq == record.end()) return "field 'seq' missing";
    if (!seq->is_number_unsigned() || seq->get<std::uint64_t>() == 0)
        return "field 'seq' is not a positive integer";
    if (!is_sha256_hex(record["prev_hash"].get<std::string>()))
        return "field 'prev_hash' is not 64 lower-case hex digits";
    return std::nullopt;
}

std::optional<std::string> sequence_break(std::uint64_t last, std::uint64_t seq) {
    const auto from_to = std::to_string(last) + " to " + std::to_string(seq);
    if (seq == last) return "sequence repeats " + std::to_string(seq) + ": a record appears twice";
    if (seq < last) return "sequence goes back from " + from_to + ": records out of order";
    if (seq - last == 1) return std::nullopt;
    const auto missing =
        seq - last == 2 ? "record " + std::to_string(last + 1)
                        : "records " + std::to_string(last + 1) + ".." + std::to_string(seq - 1);
    return "sequence jumps from " + from_to + ": " + missing + " missing";
}

}  // namespace

std::string describe(const Break& at) {
    std::string where = "line " + std::to_string(at.line);
    if (at.seq || !at.id.empty()) {
        where += " (";
        if (at.seq) where += "seq " + std::to_string(*at.seq);
        if (at.seq && !at.id.empty()) where += ", ";
        if (!at.id.empty()) where += "id " + at.id;
        where += ")";
    }
    return where + ": " + at.reason;
}

ChainVerifier::ChainVerifier(PublicKey key) : key_(std::move(key)), key_id_(key_id(key_)) {}

std::optional<Break> ChainVerifier::add_line(std::string_view text, std::size_t line_number) {
    std::optional<std::string> refusal;
    std::vector<std::set<std::string>> names;  // per object being parsed
    const json::parser_callback_t watch = [&](int depth, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
            case json::parse_event_t::array_start:
                if (depth < kMaxDepth) {
                    if (event == json::parse_event_t::object_start) names.emplace_back();
                    return true;
                }
                if (!refusal)
                    refusal = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
                return false;  // parsed on, but not kept
            case json::parse_event_t::object_end:
                names.pop_back();
                return true;
            case json::parse_event_t::key:
                // Keys of objects cut off for depth come too, with no set of
                // their own; the line is refused already.
                if (refusal) return true;
                if (!names.back().insert(parsed.get<std::string>()).second)
                    refusal = "member '" + parsed.get<std::string>() +
                              "' appears twice in one object: readers would disagree on its value";
                return true;
            default:
                return true;
        }
    };
    json record;
    try {
        record = json::parse(text, watch);
    } catch (const json::parse_error& error) {
        return Break{line_number, std::nullopt, "",
                     "not JSON (syntax error at byte " + std::to_string(error.byte) + ")"};
    } catch (const json::exception& error) {
        return Break{line_number, std::nullopt, "", std::string("not JSON (") + error.what() + ")"};
    }
    if (refusal) {
        Break at{line_number, std::nullopt, "", *refusal};
        identify(record, at);
        return at;
    }
    return add(record, line_number);
}

std::optional<Break> ChainVerifier::add(const json& record, std::size_t line_number) {
    Break at{line_number, std::nullopt, "", ""};
    identify(record, at);
    if (auto reason = check(record)) {
        at.reason = std::move(*reason);
        return at;
    }
    if (summary_.records == 0) {
        summary_.unit = record["unit"].get<std::string>();
        summary_.first_seq = *at.seq;
        summary_.starts_at_first_record = record["prev_hash"].get<std::string>() == kNoPrevHash;
    }
    ++summary_.records;
    summary_.last_seq = *at.seq;
    last_hash_ = record_hash(record);
    return std::nullopt;
}

std::optional<std::string> ChainVerifier::check(const json& record) const {
    if (auto missing = missing_field(record)) return missing;
    const auto& record_key = record["key_id"].get_ref<const std::string&>();
    if (record_key != key_id_)
        return "signed with another key (key_id " + record_key + ", expected " + key_id_ + ")";
    const auto signature = base64_decode(record["signature"].get<std::string>());
    if (!signature || signature->size() != kSignatureSize)
        return "field 'signature' is not the base64 of 64 bytes";
    std::string content;
    try {
        content = signed_content(record);
    } catch (const json::exception&) {
        return "a string is not UTF-8";  // only a record built in code can hold one
    }
    if (!key_.verify(content, *signature))
        return "signature does not match: record altered, or signed by another key";
    if (summary_.records == 0) return std::nullopt;
    const auto& unit = record["unit"].get_ref<const std::string&>();
    if (unit != summary_.unit)
        return "record of unit " + unit + " in a stream of unit " + summary_.unit;
    if (auto jump = sequence_break(summary_.last_seq, record["seq"].get<std::uint64_t>()))
        return jump;
    if (record["prev_hash"] != last_hash_)
        return "prev_hash does not match the record before it: a record was removed, inserted "
               "or reordered";
    return std::nullopt;
}

}  // namespace anpr::evidence
