#include <openssl/crypto.h>

#include <iostream>

#include "app/commands.hpp"
#include "app/shell_prompt.hpp"
#include "config/shell_account.hpp"
#include "diag/password.hpp"

namespace anpr::app {
namespace {

constexpr std::size_t kMinPasswordCharacters = 12;

/// A well-formed stand-in hash, to check NAME and RIGHTS before asking for
/// the password.
constexpr const char* kPlaceholderHash =
    "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// Characters, not bytes: UTF-8 continuation bytes do not count.
std::size_t characters(const std::string& text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++count;
    }
    return count;
}

/// The new password: typed twice on a terminal, once from a script.
core::Result<std::string> new_password(const std::string& name) {
    auto first = read_secret("new password for " + name + ": ");
    if (!first) return first.error();
    if (characters(first.value()) < kMinPasswordCharacters) {
        return core::Error{"the password must have at least " +
                           std::to_string(kMinPasswordCharacters) + " characters"};
    }
    if (stdin_is_terminal()) {
        auto again = read_secret("the same again: ");
        if (!again) return again.error();
        const bool same = again.value() == first.value();
        OPENSSL_cleanse(again.value().data(), again.value().size());
        if (!same) return core::Error{"the two passwords differ"};
    }
    return first;
}

}  // namespace

int run_shell_account(const ShellAccountOptions& options) {
    const auto prefix = options.name + ":";
    const auto suffix = ":" + options.rights;
    if (auto checked = config::parse_shell_account(prefix + kPlaceholderHash + suffix); !checked) {
        std::cerr << "anpr shell-account: " << checked.error().message << "\n";
        return 2;
    }
    auto password = new_password(options.name);
    if (!password) {
        std::cerr << "anpr shell-account: " << password.error().message << "\n";
        return 2;
    }
    auto hash = diag::hash_password(password.value());
    OPENSSL_cleanse(password.value().data(), password.value().size());
    if (!hash) {
        std::cerr << "anpr shell-account: " << hash.error().message << "\n";
        return 2;
    }
    const auto text = prefix + hash.value() + suffix;
    if (auto account = config::parse_shell_account(text); !account) {
        std::cerr << "anpr shell-account: " << account.error().message << "\n";
        return 2;
    }
    std::cout << text << "\n";
    std::cerr << "add this line to diag.accounts in the unit's config\n";
    return 0;
}

}  // namespace anpr::app
