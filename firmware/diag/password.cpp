#include "diag/password.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdint>
#include <optional>

#include "evidence/base64.hpp"

namespace anpr::diag {
namespace {

constexpr int kBlockSize = 8;
constexpr int kParallel = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;

/// scrypt's key of `key_bytes` bytes, or nullopt when it fails.
std::optional<std::string> derive(std::string_view password, std::string_view salt, int log2_cost,
                                  int block_size, int parallel, std::size_t key_bytes) {
    const std::uint64_t n = std::uint64_t{1} << log2_cost;
    const auto r = static_cast<std::uint64_t>(block_size);
    const auto p = static_cast<std::uint64_t>(parallel);
    // scrypt needs 128*r*N for V and 128*r*p for B; leave room for the rest.
    const std::uint64_t max_memory = 128 * r * (n + p) + (std::uint64_t{1} << 20);
    std::string key(key_bytes, '\0');
    if (EVP_PBE_scrypt(password.data(), password.size(),
                       reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n, r, p,
                       max_memory, reinterpret_cast<unsigned char*>(key.data()), key.size()) != 1) {
        return std::nullopt;
    }
    return key;
}

/// PHC strings leave base64's padding out.
std::string unpadded_base64(std::string_view bytes) {
    auto text = evidence::base64_encode(bytes);
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

}  // namespace

core::Result<std::string> hash_password(std::string_view password, int log2_cost) {
    std::string salt(kSaltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
        1) {
        return core::Error{"no random bytes for the password's salt"};
    }
    auto key = derive(password, salt, log2_cost, kBlockSize, kParallel, kKeyBytes);
    if (!key) return core::Error{"scrypt failed (out of memory?)"};
    return "$scrypt$ln=" + std::to_string(log2_cost) + ",r=" + std::to_string(kBlockSize) +
           ",p=" + std::to_string(kParallel) + "$" + unpadded_base64(salt) + "$" +
           unpadded_base64(*key);
}

bool password_matches(const config::ShellAccount& account, std::string_view password) {
    if (account.key.empty()) return false;
    auto key = derive(password, account.salt, account.log2_cost, account.block_size,
                      account.parallel, account.key.size());
    if (!key) return false;
    const bool same = CRYPTO_memcmp(key->data(), account.key.data(), key->size()) == 0;
    OPENSSL_cleanse(key->data(), key->size());
    return same;
}

}  // namespace anpr::diag
