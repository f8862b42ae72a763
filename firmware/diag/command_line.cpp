#include "diag/command_line.hpp"

#include <algorithm>
#include <cstdio>

namespace anpr::diag {
namespace {

bool is_control(unsigned char byte) { return (byte < 0x20 && byte != '\t') || byte == 0x7f; }

/// The length of the UTF-8 character at `at` (1..4), or 0 when the bytes
/// there are not one: overlong forms, surrogates and code points past
/// U+10FFFF are not.
std::size_t utf8_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char first = byte(0);
    if (first < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) {
        length = 2;
    } else if (first >= 0xe0 && first <= 0xef) {
        length = 3;
        if (first == 0xe0) low = 0xa0;   // overlong
        if (first == 0xed) high = 0x9f;  // surrogates
    } else if (first >= 0xf0 && first <= 0xf4) {
        length = 4;
        if (first == 0xf0) low = 0x90;   // overlong
        if (first == 0xf4) high = 0x8f;  // past U+10FFFF
    } else {
        return 0;
    }
    if (text.size() - at < length) return 0;
    if (byte(1) < low || byte(1) > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xbf) return 0;
    }
    return length;
}

std::string hex(unsigned char byte) {
    char text[8];
    std::snprintf(text, sizeof text, "\\x%02x", byte);
    return text;
}

/// Control bytes and invalid UTF-8 refused, naming the first and where.
core::Status check_text(std::string_view line) {
    for (std::size_t at = 0; at < line.size();) {
        const auto byte = static_cast<unsigned char>(line[at]);
        if (is_control(byte)) {
            return core::Error{"control byte " + hex(byte).replace(0, 2, "0x") + " at byte " +
                               std::to_string(at + 1) + ": a line is printable text"};
        }
        const auto length = utf8_length(line, at);
        if (length == 0) {
            return core::Error{"invalid UTF-8 at byte " + std::to_string(at + 1) +
                               ": a line is UTF-8 text"};
        }
        at += length;
    }
    return core::Ok{};
}

}  // namespace

core::Result<std::vector<std::string>> split_command_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (auto text = check_text(line); !text) return text.error();

    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    std::size_t quote_at = 0;  // 1-based byte of the open quote, 0 outside quotes
    const auto finish_word = [&]() -> core::Status {
        if (!in_word) return core::Ok{};
        if (word.size() > kMaxWordBytes) {
            return core::Error{"word " + std::to_string(words.size() + 1) + " is longer than " +
                               std::to_string(kMaxWordBytes) + " bytes"};
        }
        if (words.size() == kMaxWords) {
            return core::Error{"more than " + std::to_string(kMaxWords) + " words"};
        }
        words.push_back(std::move(word));
        word.clear();
        in_word = false;
        return core::Ok{};
    };
    for (std::size_t at = 0; at < line.size(); ++at) {
        const char c = line[at];
        if (quote_at != 0) {
            if (c == '"') {
                quote_at = 0;
            } else if (c == '\\' && at + 1 < line.size() &&
                       (line[at + 1] == '"' || line[at + 1] == '\\')) {
                word += line[++at];
            } else {
                word += c;
            }
        } else if (c == ' ' || c == '\t') {
            if (auto done = finish_word(); !done) return done.error();
        } else if (c == '"') {
            quote_at = at + 1;
            in_word = true;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote_at != 0) {
        return core::Error{"unbalanced quote: the quote at byte " + std::to_string(quote_at) +
                           " is not closed"};
    }
    if (auto done = finish_word(); !done) return done.error();
    return words;
}

std::string shown_text(std::string_view text, std::size_t max_bytes) {
    static constexpr std::string_view kCut = "...";
    std::string shown;
    std::vector<std::size_t> ends;  // where each character or escape ends in `shown`
    std::size_t at = 0;
    while (at < text.size() && shown.size() <= max_bytes) {
        const auto byte = static_cast<unsigned char>(text[at]);
        const auto length = is_control(byte) ? 0 : utf8_length(text, at);
        if (length == 0) {
            shown += hex(byte);
            ++at;
        } else {
            shown.append(text.substr(at, length));
            at += length;
        }
        ends.push_back(shown.size());
    }
    if (at == text.size() && shown.size() <= max_bytes) return shown;
    std::size_t keep = 0;
    for (const auto end : ends) {
        if (end + kCut.size() > max_bytes) break;
        keep = end;
    }
    shown.resize(keep);
    shown += kCut.substr(0, std::min(kCut.size(), max_bytes - keep));
    return shown;
}

}  // namespace anpr::diag
