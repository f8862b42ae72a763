#pragma once
/// A technician's account for the diagnostics shell as the config holds it
/// (diag.accounts): "NAME:PASSWORD-HASH:RIGHTS". The hash is scrypt's, in the
/// PHC string form "$scrypt$ln=15,r=8,p=1$SALT$HASH" (SALT and HASH in
/// base64 without padding), made by `anpr shell-account`.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace anpr::config {

struct ShellAccount {
    std::string name;         ///< A-Z, a-z, 0-9, '.', '_', '-'; 1..64
    std::string hash;         ///< the whole PHC string, as written
    int log2_cost = 0;        ///< scrypt's N = 2^log2_cost, 10..20
    int block_size = 0;       ///< scrypt's r, 1..32
    int parallel = 0;         ///< scrypt's p, 1..16
    std::string salt;         ///< raw bytes, 8..64
    std::string key;          ///< raw bytes, 16..64: the derived key to compare with
    bool see_plates = false;  ///< right "plates"
    bool operate = false;     ///< right "operate"
};

/// The account `text` holds, or an Error saying what is wrong with it
/// without repeating the hash.
core::Result<ShellAccount> parse_shell_account(std::string_view text);

/// The account as the config writes it back.
std::string shell_account_text(const ShellAccount& account);

}  // namespace anpr::config
