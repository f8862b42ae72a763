#pragma once
/// The one byte string of a JSON value that is signed and hashed.
///
/// A signature must survive a record being parsed and written again by any
/// JSON library on the way (receiver, database, export), so it covers a
/// canonical form rather than the text as sent. The model is RFC 8785 (JCS):
/// members sorted by name, no whitespace, UTF-8, strings escaped as
/// JSON.stringify escapes them (only `"`, `\` and U+0000..U+001F; \b \t \n
/// \f \r short, the rest as \u00xx in lower case). Where it differs:
///
/// - names are sorted by their UTF-8 bytes (code points), JCS by UTF-16 code
///   units; the two differ only between U+E000..U+FFFF and astral characters,
///   which no record name uses;
/// - an integer (no fraction, no exponent, within int64/uint64) is written as
///   its digits, exact up to 2^64-1, where JCS reads every number as a double;
/// - any other number is written as Python's repr writes a float: the
///   shortest digits that read back to the same double, in plain notation
///   with at least one decimal (`1.0`, `0.996`, `50.8466123`) when
///   1e-4 <= |x| < 1e16, else as `1e-07`, `1.5e+16` (two-digit exponent at
///   least). JCS writes `1`, `1e-7`, and plain notation up to 1e21.
///
/// So the canonical form of a parsed record is exactly Python's
/// `json.dumps(record, sort_keys=True, separators=(",", ":"),
/// ensure_ascii=False).encode()`, which is how docs/evidence.md tells an
/// outside verifier to rebuild it. The unit rounds what it writes (3 decimals
/// for confidences, 7 for degrees), so its numbers are short and read back
/// exactly in any language.
///
/// nlohmann's own dump is not used for numbers: its Grisu2 writes about one
/// 7-decimal coordinate in 600 with 17 digits (175.28254569999999), which
/// reads back to the same double but is not what another language writes.

#include <nlohmann/json.hpp>
#include <string>

namespace anpr::evidence {

/// The canonical form of `value`. Recurses once per nesting level. Throws
/// nlohmann::json::type_error for a string that is not valid UTF-8, which a
/// value parsed from JSON text never holds. NaN and infinities, which JSON
/// cannot hold, are written `null` as nlohmann writes them in the record.
std::string canonical_json(const nlohmann::json& value);

}  // namespace anpr::evidence
