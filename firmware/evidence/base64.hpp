#pragma once
/// Base64 as RFC 4648 section 4 has it: the standard alphabet, with padding.

#include <optional>
#include <string>
#include <string_view>

namespace anpr::evidence {

std::string base64_encode(std::string_view bytes);

/// The bytes of `text`, or nullopt when it is not the one canonical encoding
/// of some bytes: no whitespace, no line breaks, padding exactly where due and
/// unused bits zero. Strict so that a signature or crop has a single spelling,
/// and an altered one is caught on its own line rather than one record later.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace anpr::evidence
