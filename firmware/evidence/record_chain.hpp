#pragma once
/// The signing rule for read records: each record is signed by its unit and
/// names the hash of the record before it, so that a record deleted, altered,
/// inserted or moved breaks the chain where it happened. docs/evidence.md.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "evidence/sha256.hpp"
#include "evidence/signing_key.hpp"

namespace anpr::evidence {

/// The prev_hash of a unit's first signed record: it has no predecessor.
inline constexpr std::string_view kNoPrevHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct SignedRecord {
    nlohmann::ordered_json json;  ///< the record, its fields in the order they were added
    std::string text;             ///< json as sent: compact, one line
    std::string hash;             ///< record_hash(json): the next record's prev_hash
};

/// Signs `record` (an object without "prev_hash", "key_id" and "signature")
/// after the record whose hash is `prev_hash` (kNoPrevHash for the unit's
/// first): adds "prev_hash", "key_id", then "signature", the standard base64
/// (with padding) of the Ed25519 signature of signed_content(record). Fails
/// on a record that is no object, already has one of those fields or holds a
/// string that is not UTF-8, and on a prev_hash that is not 64 hex digits.
core::Result<SignedRecord> sign_record(nlohmann::ordered_json record, std::string_view prev_hash,
                                       const SigningKey& key);

/// What a record's signature covers: the canonical form (canonical_json.hpp)
/// of the record without its "signature" field.
std::string signed_content(const nlohmann::json& record);

/// A signed record's hash, hex SHA-256 of its whole canonical form, the
/// signature included, so that the next record also vouches for it.
std::string record_hash(const nlohmann::json& record);

/// The hex SHA-256 of the JPEG whose base64 is `base64_jpeg` (a record's
/// "best_crop_jpeg"), for the record's "crop_sha256": a crop kept apart from
/// its record, as in an evidence store, is matched to it by this hash. ""
/// for "" (no crop); an error when `base64_jpeg` is not strict base64.
core::Result<std::string> crop_sha256(std::string_view base64_jpeg);

}  // namespace anpr::evidence
