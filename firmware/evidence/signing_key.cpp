#include "evidence/signing_key.hpp"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>

#include "evidence/sha256.hpp"

namespace anpr::evidence {
namespace {

namespace fs = std::filesystem;
using core::Error;

constexpr std::size_t kRawKeySize = 32;

struct CloseFile {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;
using MdContextPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::shared_ptr<EVP_PKEY> owned(EVP_PKEY* key) { return {key, EVP_PKEY_free}; }

const unsigned char* bytes_of(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

/// The reason OpenSSL gave for the failure just now; empties its error queue.
std::string openssl_reason() {
    unsigned long last = 0;
    for (unsigned long code = ERR_get_error(); code != 0; code = ERR_get_error()) last = code;
    const char* reason = last != 0 ? ERR_reason_error_string(last) : nullptr;
    return reason != nullptr ? reason : "no reason given";
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// A key file is unencrypted: asking for a passphrase on a terminal would hang
// an unattended unit, so an encrypted one fails instead.
int no_passphrase(char*, int, int, void*) { return -1; }

struct OpenKeyFile {
    FilePtr file;
    mode_t mode = 0;
};

core::Result<OpenKeyFile> open_key_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{"cannot read key file " + quoted(path) + ": " + std::strerror(errno)};
    FilePtr file(::fdopen(fd, "r"));
    if (!file) {
        ::close(fd);
        return Error{"cannot read key file " + quoted(path) + ": " + std::strerror(errno)};
    }
    // fstat on the open file, not stat on the name: the mode checked is the
    // mode of the file read.
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode))
        return Error{"key file " + quoted(path) + " is not a regular file"};
    return OpenKeyFile{std::move(file), status.st_mode};
}

core::Status check_ed25519(const EVP_PKEY* key, const fs::path& path) {
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519) return core::Ok{};
    const char* type = EVP_PKEY_get0_type_name(key);
    return Error{"key file " + quoted(path) + " holds " + (type != nullptr ? type : "an unknown") +
                 " key, not Ed25519"};
}

/// Creates `path` (never over an existing file) with `mode`, lets `write_pem`
/// fill it, and syncs it to disk: a key lost to a power cut after keygen
/// would orphan the public key already handed out.
core::Status write_new_file(const fs::path& path, mode_t mode,
                            const std::function<int(std::FILE*)>& write_pem) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return Error{"cannot create " + quoted(path) + ": " + std::strerror(errno)};
    std::string failure;
    if (FilePtr file(::fdopen(fd, "w")); !file) {
        failure = std::strerror(errno);
        ::close(fd);
    } else if (write_pem(file.get()) != 1) {
        failure = openssl_reason();
    } else if (std::fflush(file.get()) != 0 || ::fsync(fd) != 0 ||
               std::fclose(file.release()) != 0) {
        failure = std::strerror(errno);
    }
    if (failure.empty()) return core::Ok{};
    std::error_code ignored;
    fs::remove(path, ignored);
    return Error{"cannot write " + quoted(path) + ": " + failure};
}

}  // namespace

core::Result<PublicKey> PublicKey::load(const fs::path& pem_file) {
    auto open = open_key_file(pem_file);
    if (!open) return open.error();
    auto key = owned(PEM_read_PUBKEY(open.value().file.get(), nullptr, no_passphrase, nullptr));
    if (!key)
        return Error{"key file " + quoted(pem_file) + " holds no PEM public key (" +
                     openssl_reason() + ")"};
    if (auto ed25519 = check_ed25519(key.get(), pem_file); !ed25519) return ed25519.error();
    return PublicKey(std::move(key));
}

bool PublicKey::verify(std::string_view message, std::string_view signature) const {
    if (signature.size() != kSignatureSize) return false;
    MdContextPtr context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool valid =
        context &&
        EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
        EVP_DigestVerify(context.get(), bytes_of(signature), signature.size(), bytes_of(message),
                         message.size()) == 1;
    ERR_clear_error();  // a bad signature leaves a reason nobody will ask for
    return valid;
}

std::string PublicKey::raw() const {
    std::string raw(kRawKeySize, '\0');
    std::size_t size = raw.size();
    EVP_PKEY_get_raw_public_key(key_.get(), reinterpret_cast<unsigned char*>(raw.data()), &size);
    raw.resize(size);
    return raw;
}

std::string key_id(const PublicKey& key) { return sha256_hex(key.raw()).substr(0, 16); }

core::Result<SigningKey> SigningKey::load(const fs::path& pem_file) {
    auto open = open_key_file(pem_file);
    if (!open) return open.error();
    if ((open.value().mode & 077) != 0) {
        std::array<char, 8> mode{};
        std::snprintf(mode.data(), mode.size(), "%04o", open.value().mode & 07777);
        return Error{"key file " + quoted(pem_file) + " is open to group or others (mode " +
                     mode.data() +
                     "): whoever can read it can forge this unit's reads; chmod 600 it"};
    }
    auto key = owned(PEM_read_PrivateKey(open.value().file.get(), nullptr, no_passphrase, nullptr));
    if (!key)
        return Error{"key file " + quoted(pem_file) + " holds no unencrypted PEM private key (" +
                     openssl_reason() + ")"};
    if (auto ed25519 = check_ed25519(key.get(), pem_file); !ed25519) return ed25519.error();
    return from(std::move(key));
}

core::Result<SigningKey> SigningKey::generate() {
    auto key = owned(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) return Error{"cannot generate an Ed25519 key: " + openssl_reason()};
    return from(std::move(key));
}

core::Result<SigningKey> SigningKey::from(std::shared_ptr<EVP_PKEY> key) {
    std::array<unsigned char, kRawKeySize> raw{};
    std::size_t size = raw.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), raw.data(), &size) != 1)
        return Error{"cannot take the public key from the private key: " + openssl_reason()};
    auto public_key =
        owned(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), size));
    if (!public_key) return Error{"cannot make the public key: " + openssl_reason()};
    return SigningKey(std::move(key), PublicKey(std::move(public_key)));
}

core::Result<std::string> SigningKey::sign(std::string_view message) const {
    std::string signature(kSignatureSize, '\0');
    std::size_t size = signature.size();
    MdContextPtr context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    // Ed25519 hashes the message itself: no digest is named, and it is signed in one call.
    if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
        EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                       bytes_of(message), message.size()) != 1)
        return Error{"Ed25519 signing failed: " + openssl_reason()};
    return signature;
}

core::Status SigningKey::write_pair(const fs::path& folder) const {
    const fs::path private_file = folder / kPrivateKeyFile;
    const fs::path public_file = folder / kPublicKeyFile;
    std::error_code error;
    for (const auto& file : {private_file, public_file}) {
        if (fs::exists(file, error))
            return Error{quoted(file) +
                         " already exists: refusing to overwrite a unit's key, after which its "
                         "records would no longer verify with the public key registered for it"};
    }
    fs::create_directories(folder, error);
    if (error) return Error{"cannot create folder " + quoted(folder) + ": " + error.message()};
    auto written = write_new_file(private_file, 0600, [this](std::FILE* file) {
        return PEM_write_PrivateKey(file, key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    if (!written) return written;
    written = write_new_file(public_file, 0644, [this](std::FILE* file) {
        return PEM_write_PUBKEY(file, public_key_.key_.get());
    });
    if (!written) fs::remove(private_file, error);  // half a pair is no use to anyone
    return written;
}

}  // namespace anpr::evidence
