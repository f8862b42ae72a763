#include "evidence/signing_key.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "temp_dir.hpp"

namespace anpr::evidence {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

/// A PEM private key of another algorithm ("RSA", "EC"), written with mode 0600.
fs::path foreign_key_file(const TempDir& dir, const char* algorithm) {
    EVP_PKEY* key = std::string(algorithm) == "EC"
                        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048});
    const fs::path path = dir.path() / (std::string(algorithm) + ".key");
    std::FILE* file = std::fopen(path.c_str(), "w");
    PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(file);
    EVP_PKEY_free(key);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    return path;
}

std::string error_of(const fs::path& path) {
    auto key = SigningKey::load(path);
    EXPECT_FALSE(key.ok());
    return key.ok() ? "" : key.error().message;
}

std::string read_file(const fs::path& path) {
    std::ostringstream text;
    text << std::ifstream(path).rdbuf();
    return text.str();
}

TEST(SigningKeyTest, GeneratedPairIsWrittenReloadedAndSignsAsBefore) {
    TempDir dir;
    const auto key = SigningKey::generate().value();
    ASSERT_TRUE(key.write_pair(dir.path() / "keys").ok());

    const auto private_file = dir.path() / "keys" / "signing.key";
    const auto public_file = dir.path() / "keys" / "signing.pub";
    EXPECT_EQ(fs::status(private_file).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(read_file(private_file).rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
    EXPECT_EQ(read_file(public_file).rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);

    const auto reloaded = SigningKey::load(private_file).value();
    const auto public_key = PublicKey::load(public_file).value();
    EXPECT_EQ(public_key.raw(), key.public_key().raw());
    EXPECT_EQ(reloaded.public_key().raw(), key.public_key().raw());
    const auto signature = reloaded.sign("read 1-ABC-123").value();
    EXPECT_EQ(signature.size(), 64u);
    // Ed25519 is deterministic: the same key signs the same bytes alike.
    EXPECT_EQ(signature, key.sign("read 1-ABC-123").value());
    EXPECT_TRUE(public_key.verify("read 1-ABC-123", signature));
}

TEST(SigningKeyTest, RefusesToOverwriteAKey) {
    TempDir dir;
    ASSERT_TRUE(SigningKey::generate().value().write_pair(dir.path()).ok());
    const auto before = read_file(dir.path() / "signing.key");
    const auto again = SigningKey::generate().value().write_pair(dir.path());
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("signing.key' already exists"), std::string::npos)
        << again.error().message;
    EXPECT_EQ(read_file(dir.path() / "signing.key"), before);
}

TEST(SigningKeyTest, VerifyRefusesAlteredMessagesAndSignatures) {
    const auto key = SigningKey::generate().value();
    const auto signature = key.sign("seq 41").value();
    EXPECT_TRUE(key.public_key().verify("seq 41", signature));
    EXPECT_FALSE(key.public_key().verify("seq 42", signature));
    auto flipped = signature;
    flipped[10] = static_cast<char>(flipped[10] ^ 1);
    EXPECT_FALSE(key.public_key().verify("seq 41", flipped));
    EXPECT_FALSE(key.public_key().verify("seq 41", signature.substr(0, 63)));
    EXPECT_FALSE(SigningKey::generate().value().public_key().verify("seq 41", signature));
}

TEST(SigningKeyTest, KeyIdIsSixteenHexDigitsOfTheKeysHash) {
    const auto key = SigningKey::generate().value();
    const auto id = key_id(key.public_key());
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(id, key_id(SigningKey::generate().value().public_key()));
}

TEST(SigningKeyTest, MissingFileIsNamed) {
    const auto message = error_of("/nonexistent/signing.key");
    EXPECT_NE(message.find("cannot read key file '/nonexistent/signing.key'"), std::string::npos)
        << message;
    const auto public_key = PublicKey::load("/nonexistent/signing.pub");
    ASSERT_FALSE(public_key.ok());
    EXPECT_NE(public_key.error().message.find("'/nonexistent/signing.pub'"), std::string::npos);
}

TEST(SigningKeyTest, FileThatIsNotPemIsRefused) {
    TempDir dir;
    const auto path = dir.write("signing.key", "not a key at all\n");
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    const auto message = error_of(path);
    EXPECT_NE(message.find("holds no unencrypted PEM private key"), std::string::npos) << message;
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
}

TEST(SigningKeyTest, KeysOfOtherAlgorithmsAreRefused) {
    TempDir dir;
    for (const char* algorithm : {"RSA", "EC"}) {
        const auto message = error_of(foreign_key_file(dir, algorithm));
        EXPECT_NE(message.find(std::string("holds ") + algorithm + " key, not Ed25519"),
                  std::string::npos)
            << message;
    }
}

TEST(SigningKeyTest, PublicKeyOfAnotherAlgorithmIsRefused) {
    TempDir dir;
    const auto private_file = foreign_key_file(dir, "EC");
    std::FILE* in = std::fopen(private_file.c_str(), "r");
    EVP_PKEY* key = PEM_read_PrivateKey(in, nullptr, nullptr, nullptr);
    std::fclose(in);
    const auto public_file = dir.path() / "ec.pub";
    std::FILE* out = std::fopen(public_file.c_str(), "w");
    PEM_write_PUBKEY(out, key);
    std::fclose(out);
    EVP_PKEY_free(key);
    const auto loaded = PublicKey::load(public_file);
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().message.find("holds EC key, not Ed25519"), std::string::npos)
        << loaded.error().message;
}

TEST(SigningKeyTest, KeyFileOpenToOthersIsRefused) {
    TempDir dir;
    ASSERT_TRUE(SigningKey::generate().value().write_pair(dir.path()).ok());
    const auto path = dir.path() / "signing.key";
    ::chmod(path.c_str(), 0644);
    const auto message = error_of(path);
    EXPECT_NE(message.find("is open to group or others (mode 0644)"), std::string::npos) << message;
    EXPECT_NE(message.find("forge"), std::string::npos) << message;
    ::chmod(path.c_str(), 0640);
    EXPECT_NE(error_of(path).find("mode 0640"), std::string::npos);
}

TEST(SigningKeyTest, AFolderIsNoKeyFile) {
    TempDir dir;
    ::chmod(dir.path().c_str(), 0700);
    EXPECT_NE(error_of(dir.path()).find("is not a regular file"), std::string::npos);
}

}  // namespace
}  // namespace anpr::evidence
