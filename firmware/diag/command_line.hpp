#pragma once
/// A shell line as words: what a technician types, split the way a Unix shell
/// would for the simple cases (spaces, double quotes), and refused with a
/// reason for anything that is not plain printable UTF-8 text, so that a
/// command never sees control bytes or a line too big to reason about.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace anpr::diag {

inline constexpr std::size_t kMaxWords = 32;
inline constexpr std::size_t kMaxWordBytes = 1024;

/// The words of `line`: spaces and tabs separate them; double quotes group
/// ("a b" is one word), with \" and \\ as escapes inside quotes. One trailing
/// '\r' (telnet, nc) is dropped; a blank line has no words. An Error names
/// the problem and where: a control byte, invalid UTF-8, an unclosed quote,
/// more than kMaxWords words, a word over kMaxWordBytes bytes.
core::Result<std::vector<std::string>> split_command_line(std::string_view line);

/// `text` as it may be shown in a log, an audit record or a reply: each
/// control byte and each byte that is not part of valid UTF-8 written as
/// \xNN, so that what a client sent cannot forge lines or break a terminal,
/// and the result cut to at most `max_bytes` (ending in "..." when cut,
/// never inside a character or an escape).
std::string shown_text(std::string_view text, std::size_t max_bytes);

}  // namespace anpr::diag
