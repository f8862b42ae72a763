#include "evidence/record_chain.hpp"

#include "evidence/base64.hpp"
#include "evidence/canonical_json.hpp"

namespace anpr::evidence {

using core::Error;

core::Result<SignedRecord> sign_record(nlohmann::ordered_json record, std::string_view prev_hash,
                                       const SigningKey& key) {
    if (!record.is_object()) return Error{"a record to sign must be a JSON object"};
    for (const char* field : {"prev_hash", "key_id", "signature"}) {
        if (record.contains(field))
            return Error{std::string("a record to sign must not have '") + field +
                         "' yet: it is signed once"};
    }
    if (!is_sha256_hex(prev_hash))
        return Error{"prev_hash must be 64 lower-case hex digits, not '" + std::string(prev_hash) +
                     "'"};
    record["prev_hash"] = prev_hash;
    record["key_id"] = key_id(key.public_key());
    std::string content;
    try {
        content = signed_content(record);
    } catch (const nlohmann::json::exception& error) {
        return Error{std::string("cannot sign the record: ") + error.what()};
    }
    auto signature = key.sign(content);
    if (!signature) return signature.error();
    record["signature"] = base64_encode(signature.value());
    std::string text = record.dump();
    std::string hash = record_hash(record);
    return SignedRecord{std::move(record), std::move(text), std::move(hash)};
}

std::string signed_content(const nlohmann::json& record) {
    nlohmann::json unsigned_record = record;
    unsigned_record.erase("signature");
    return canonical_json(unsigned_record);
}

std::string record_hash(const nlohmann::json& record) { return sha256_hex(canonical_json(record)); }

core::Result<std::string> crop_sha256(std::string_view base64_jpeg) {
    if (base64_jpeg.empty()) return std::string();
    const auto jpeg = base64_decode(base64_jpeg);
    if (!jpeg) return Error{"best_crop_jpeg is not base64 (RFC 4648, with padding)"};
    return sha256_hex(*jpeg);
}

}  // namespace anpr::evidence
