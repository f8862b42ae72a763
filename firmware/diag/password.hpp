#pragma once
/// Shell passwords as scrypt hashes in the PHC string form the config holds
/// (config/shell_account.hpp): memory-hard, so that a copied config does not
/// give the passwords away to a graphics card in an afternoon.

#include <string>
#include <string_view>

#include "config/shell_account.hpp"
#include "core/result.hpp"

namespace anpr::diag {

/// scrypt's N = 2^15 with r = 8: about 32 MB and 0.1 s a check.
inline constexpr int kPasswordLog2Cost = 15;

/// "$scrypt$ln=15,r=8,p=1$SALT$HASH" for `password`, with 16 fresh random
/// bytes of salt and a 32-byte key. `log2_cost` is for tests, which want
/// cheaper hashes. An Error when the random source or scrypt fails.
core::Result<std::string> hash_password(std::string_view password,
                                        int log2_cost = kPasswordLog2Cost);

/// Whether `password` derives `account`'s key, compared in constant time.
/// False also when scrypt fails (out of memory).
bool password_matches(const config::ShellAccount& account, std::string_view password);

}  // namespace anpr::diag
