#pragma once
/// A unit's Ed25519 key pair: the private key signs its read records, the
/// public key, registered with the coordination cell, lets anyone check them.

#include <openssl/types.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace anpr::evidence {

/// Where `anpr keygen` writes the pair inside its folder.
inline constexpr const char* kPrivateKeyFile = "signing.key";
inline constexpr const char* kPublicKeyFile = "signing.pub";

/// The length of an Ed25519 signature, bytes (RFC 8032).
inline constexpr std::size_t kSignatureSize = 64;

/// An Ed25519 public key. Copies share the one OpenSSL key.
class PublicKey {
  public:
    /// Reads a PEM SubjectPublicKeyInfo ("BEGIN PUBLIC KEY") file; the error
    /// names the file and says whether it could not be read, holds no PEM
    /// public key, or holds a key of another kind.
    static core::Result<PublicKey> load(const std::filesystem::path& pem_file);

    /// Whether `signature` (64 bytes) is this key's Ed25519 signature of `message`.
    bool verify(std::string_view message, std::string_view signature) const;

    /// The 32 raw bytes of the key (RFC 8032).
    std::string raw() const;

  private:
    friend class SigningKey;
    explicit PublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
    std::shared_ptr<EVP_PKEY> key_;
};

/// The key's short name that every record it signs carries, so that a
/// verifier holding many units' keys can tell which one to use, and a record
/// signed by another key is told apart from an altered one: the first 16 hex
/// digits (64 bits) of the SHA-256 of the raw public key.
std::string key_id(const PublicKey& key);

/// An Ed25519 private key.
class SigningKey {
  public:
    /// Reads a PEM PKCS#8 ("BEGIN PRIVATE KEY") file, unencrypted: the unit
    /// starts unattended, so the file's mode is its protection, and a file
    /// open to group or others is refused, since whoever reads it can forge
    /// the unit's reads.
    static core::Result<SigningKey> load(const std::filesystem::path& pem_file);

    /// A fresh key from OpenSSL's random generator.
    static core::Result<SigningKey> generate();

    /// The 64-byte Ed25519 signature of `message`.
    core::Result<std::string> sign(std::string_view message) const;

    const PublicKey& public_key() const { return public_key_; }

    /// Writes `folder`/signing.key (PKCS#8 PEM, mode 0600) and `folder`/signing.pub
    /// (SubjectPublicKeyInfo PEM), creating the folder when missing. Refuses
    /// when either file exists: after a unit's key is overwritten, its
    /// records no longer verify with the public key registered for it.
    core::Status write_pair(const std::filesystem::path& folder) const;

  private:
    SigningKey(std::shared_ptr<EVP_PKEY> key, PublicKey public_key)
        : key_(std::move(key)), public_key_(std::move(public_key)) {}
    static core::Result<SigningKey> from(std::shared_ptr<EVP_PKEY> key);
    std::shared_ptr<EVP_PKEY> key_;
    PublicKey public_key_;  ///< holds no private part
};

}  // namespace anpr::evidence
