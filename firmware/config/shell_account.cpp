#include "config/shell_account.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "evidence/base64.hpp"

namespace anpr::config {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

bool is_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

/// PHC strings drop base64's padding.
std::optional<std::string> unpadded_base64(std::string_view text) {
    std::string padded(text);
    while (padded.size() % 4 != 0) padded += '=';
    return evidence::base64_decode(padded);
}

/// "ln=15" -> 15 when the name is `name` and the value lies in low..high.
std::optional<int> parameter(std::string_view text, std::string_view name, int low, int high) {
    if (text.substr(0, name.size()) != name || text.size() <= name.size() + 1 ||
        text[name.size()] != '=') {
        return std::nullopt;
    }
    const auto digits = text.substr(name.size() + 1);
    int value = 0;
    const auto [end, failure] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (failure != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    if (value < low || value > high) return std::nullopt;
    return value;
}

core::Status parse_hash(std::string_view hash, ShellAccount& account) {
    // "", "scrypt", "ln=..,r=..,p=..", salt, key
    const auto fields = split(hash, '$');
    if (fields.size() != 5 || !fields[0].empty() || fields[1] != "scrypt") {
        return core::Error{
            "the password hash is not \"$scrypt$ln=N,r=R,p=P$SALT$HASH\" (make it "
            "with `anpr shell-account`)"};
    }
    const auto parameters = split(fields[2], ',');
    std::optional<int> log2_cost, block_size, parallel;
    if (parameters.size() == 3) {
        log2_cost = parameter(parameters[0], "ln", 10, 20);
        block_size = parameter(parameters[1], "r", 1, 32);
        parallel = parameter(parameters[2], "p", 1, 16);
    }
    if (!log2_cost || !block_size || !parallel) {
        return core::Error{"the password hash's parameters must be ln=10..20,r=1..32,p=1..16"};
    }
    auto salt = unpadded_base64(fields[3]);
    auto key = unpadded_base64(fields[4]);
    if (!salt || salt->size() < 8 || salt->size() > 64) {
        return core::Error{"the password hash's salt must be 8..64 bytes in base64"};
    }
    if (!key || key->size() < 16 || key->size() > 64) {
        return core::Error{"the password hash's key must be 16..64 bytes in base64"};
    }
    account.hash = std::string(hash);
    account.log2_cost = *log2_cost;
    account.block_size = *block_size;
    account.parallel = *parallel;
    account.salt = std::move(*salt);
    account.key = std::move(*key);
    return core::Ok{};
}

core::Status parse_rights(std::string_view rights, ShellAccount& account) {
    if (rights == "-") return core::Ok{};
    for (const auto right : split(rights, ',')) {
        if (right == "plates") {
            account.see_plates = true;
        } else if (right == "operate") {
            account.operate = true;
        } else {
            return core::Error{"unknown right '" + std::string(right) +
                               "' (rights: plates, operate, or - for none)"};
        }
    }
    return core::Ok{};
}

}  // namespace

core::Result<ShellAccount> parse_shell_account(std::string_view text) {
    const auto fields = split(text, ':');
    if (fields.size() != 3) {
        return core::Error{"an account is NAME:PASSWORD-HASH:RIGHTS, got " +
                           std::to_string(fields.size()) + " field(s)"};
    }
    ShellAccount account;
    if (!is_name(fields[0])) {
        return core::Error{"account name '" + std::string(fields[0].substr(0, 64)) +
                           "' must be 1..64 of A-Z, a-z, 0-9, '.', '_', '-'"};
    }
    account.name = std::string(fields[0]);
    if (auto hash = parse_hash(fields[1], account); !hash) {
        return core::Error{"account '" + account.name + "': " + hash.error().message};
    }
    if (auto rights = parse_rights(fields[2], account); !rights) {
        return core::Error{"account '" + account.name + "': " + rights.error().message};
    }
    return account;
}

std::string shell_account_text(const ShellAccount& account) {
    std::string rights;
    if (account.see_plates) rights += "plates";
    if (account.operate) rights += std::string(rights.empty() ? "" : ",") + "operate";
    return account.name + ":" + account.hash + ":" + (rights.empty() ? "-" : rights);
}

}  // namespace anpr::config
