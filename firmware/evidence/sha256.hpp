#pragma once
/// SHA-256, written as 64 lower-case hex digits.

#include <string>
#include <string_view>

namespace anpr::evidence {

std::string sha256_hex(std::string_view bytes);

/// Whether `text` is written as sha256_hex writes: 64 lower-case hex digits.
bool is_sha256_hex(std::string_view text);

}  // namespace anpr::evidence
