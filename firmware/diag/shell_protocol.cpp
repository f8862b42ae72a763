#include "diag/shell_protocol.hpp"

#include <limits>

#include "diag/command_line.hpp"

namespace anpr::diag {
namespace {

constexpr auto kWhole = std::numeric_limits<std::size_t>::max();

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

/// "login" in any case: a mistyped "Login" still holds a password.
bool is_login(std::string_view word) {
    static constexpr std::string_view kLogin = "login";
    if (word.size() != kLogin.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if ((word[i] | 0x20) != kLogin[i]) return false;
    }
    return true;
}

}  // namespace

std::string greeting(std::string_view unit_id) {
    return "HELLO anpr-shell/1 unit=" + shown_text(unit_id, kAuditFieldBytes) + "\n";
}

std::string reply_text(const Reply& reply) {
    const auto lines = lines_of(reply.text);
    std::string text;
    for (std::size_t i = reply.ok ? 0 : 1; i < lines.size(); ++i) {
        text += "| " + shown_text(lines[i], kWhole) + "\n";
    }
    if (reply.ok) return text + "OK\n";
    const auto message = lines.empty() ? std::string("failed") : shown_text(lines.front(), kWhole);
    return text + "ERR " + message + "\n";
}

std::string bye_text(std::string_view reason) { return "BYE " + std::string(reason) + "\n"; }

std::string audit_outcome(const Reply& reply) {
    const auto lines = lines_of(reply.text);
    return lines.empty() ? std::string() : shown_text(lines.front(), kAuditFieldBytes);
}

std::string audit_command(std::string_view line,
                          const core::Result<std::vector<std::string>>& words) {
    if (words) {
        const auto& parsed = words.value();
        if (parsed.empty() || !is_login(parsed.front())) return shown_text(line, kAuditFieldBytes);
        return parsed.size() < 2 ? std::string("login")
                                 : "login " + shown_text(parsed[1], kAuditFieldBytes - 6);
    }
    if (line.find("login") != std::string_view::npos ||
        line.find("LOGIN") != std::string_view::npos) {
        return "(a line that did not parse; not shown, as it may hold a password)";
    }
    return shown_text(line, kAuditFieldBytes);
}

}  // namespace anpr::diag
