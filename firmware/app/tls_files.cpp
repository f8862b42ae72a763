#include "app/tls_files.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "core/result.hpp"
#include "core/utc_text.hpp"

namespace anpr::app {
namespace {

struct CloseFile {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;
using CertificatePtr = std::unique_ptr<X509, decltype(&X509_free)>;
using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using StorePtr = std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)>;
using StoreContextPtr = std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)>;
struct FreeStack {  // sk_X509_free is a macro: no function to point at
    void operator()(STACK_OF(X509) * stack) const { sk_X509_free(stack); }
};
using CertificateStackPtr = std::unique_ptr<STACK_OF(X509), FreeStack>;
using Certificates = std::vector<CertificatePtr>;

/// "uplink.cert_file: /etc/anpr/unit.pem " + what.
std::string about(const ConfigFile& file, const std::string& what) {
    return file.key + ": " + file.path.string() + " " + what;
}

// The unit starts unattended: an encrypted key fails rather than asking.
int no_passphrase(char*, int, int, void*) { return -1; }

core::Result<FilePtr> open_file(const ConfigFile& file) {
    FilePtr stream(std::fopen(file.path.c_str(), "r"));
    if (!stream)
        return core::Error{about(file, std::string("cannot be read: ") + std::strerror(errno))};
    return stream;
}

/// Every certificate in the file, in order; an Error when it cannot be read
/// or holds none.
core::Result<Certificates> read_certificates(const ConfigFile& file) {
    auto stream = open_file(file);
    if (!stream) return stream.error();
    Certificates certificates;
    while (X509* certificate = PEM_read_X509(stream.value().get(), nullptr, nullptr, nullptr)) {
        certificates.emplace_back(certificate, X509_free);
    }
    ERR_clear_error();  // the end of the file ends the loop with an error, too
    if (certificates.empty()) return core::Error{about(file, "holds no PEM certificate")};
    return certificates;
}

core::Result<KeyPtr> read_private_key(const ConfigFile& file) {
    auto stream = open_file(file);
    if (!stream) return stream.error();
    KeyPtr key(PEM_read_PrivateKey(stream.value().get(), nullptr, no_passphrase, nullptr),
               EVP_PKEY_free);
    ERR_clear_error();
    if (!key) return core::Error{about(file, "holds no unencrypted PEM private key")};
    return key;
}

/// "2020-01-02T00:00:00Z".
std::string utc_text(const ASN1_TIME* time) {
    std::tm utc{};
    if (ASN1_TIME_to_tm(time, &utc) != 1) return "an unreadable date";
    return core::utc_seconds_text(std::chrono::system_clock::from_time_t(timegm(&utc)));
}

/// Why `certificate`, from `file`, cannot be used now; nothing when it can.
std::optional<std::string> validity_problem(const ConfigFile& file, const X509* certificate) {
    const ASN1_TIME* not_after = X509_get0_notAfter(certificate);
    const ASN1_TIME* not_before = X509_get0_notBefore(certificate);
    if (X509_cmp_current_time(not_after) < 0)
        return about(file, "expired on " + utc_text(not_after));
    if (X509_cmp_current_time(not_before) > 0) {
        return about(file, "is not valid before " + utc_text(not_before));
    }
    return std::nullopt;
}

/// The subject CN, read as the receiver reads it; nothing without one.
std::optional<std::string> common_name(const X509* certificate) {
    const X509_NAME* subject = X509_get_subject_name(certificate);
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0) return std::nullopt;
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                       static_cast<std::size_t>(ASN1_STRING_length(data)));
}

std::optional<std::string> common_name_problem(const ConfigFile& file, const X509* certificate,
                                               const std::string& unit_id) {
    const auto name = common_name(certificate);
    if (!name) return about(file, "names no subject CN: it must be unit.id " + unit_id);
    if (*name == unit_id) return std::nullopt;
    return about(file, "is for CN=" + *name + ", not for unit.id " + unit_id +
                           " (the network knows a unit by its certificate's CN)");
}

/// Why `authorities` did not sign `chain` (the certificate file's, leaf
/// first); nothing when they did.
std::optional<std::string> signature_problem(const TlsFiles& files, const Certificates& authorities,
                                             const Certificates& chain) {
    StorePtr store(X509_STORE_new(), X509_STORE_free);
    CertificateStackPtr untrusted(sk_X509_new_null());
    StoreContextPtr context(X509_STORE_CTX_new(), X509_STORE_CTX_free);  // uses both: goes first
    if (!store || !context || !untrusted) return about(files.cert, "cannot be checked: no memory");
    for (const auto& authority : authorities) X509_STORE_add_cert(store.get(), authority.get());
    for (std::size_t i = 1; i < chain.size(); ++i) sk_X509_push(untrusted.get(), chain[i].get());
    X509_STORE_CTX_init(context.get(), store.get(), chain.front().get(), untrusted.get());
    // Dates are checked apart, to name the certificate that is out of date.
    // A partial chain (ca_file holding an intermediate CA) is trusted, as curl does.
    X509_STORE_CTX_set_flags(context.get(), X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_PARTIAL_CHAIN);
    if (X509_verify_cert(context.get()) == 1) return std::nullopt;
    const std::string reason =
        X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
    ERR_clear_error();
    return about(files.cert, "is not signed by " + files.ca.key + " " + files.ca.path.string() +
                                 " (" + reason + ")");
}

}  // namespace

std::vector<std::string> check_tls_files(const TlsFiles& files) {
    std::vector<std::string> problems;
    const auto note = [&problems](std::optional<std::string> problem) {
        if (problem) problems.push_back(std::move(*problem));
    };
    // Each certificate of the file, each valid now; none when it is not set or cannot be read.
    const auto certificates_of = [&](const ConfigFile& file) {
        if (file.path.empty()) return Certificates{};
        auto read = read_certificates(file);
        if (!read) {
            problems.push_back(read.error().message);
            return Certificates{};
        }
        return std::move(read).value();
    };
    const Certificates authorities = certificates_of(files.ca);
    if (files.check_dates) {
        for (const auto& authority : authorities) {
            note(validity_problem(files.ca, authority.get()));
        }
    }
    const Certificates chain = certificates_of(files.cert);
    if (!chain.empty()) {
        if (files.check_dates) note(validity_problem(files.cert, chain.front().get()));
        if (files.unit_id)
            note(common_name_problem(files.cert, chain.front().get(), *files.unit_id));
        if (files.cert_signed_by_ca && !authorities.empty()) {
            note(signature_problem(files, authorities, chain));
        }
    }
    if (!files.key.path.empty()) {
        auto key = read_private_key(files.key);
        if (!key) {
            problems.push_back(key.error().message);
        } else if (!chain.empty() &&
                   EVP_PKEY_eq(X509_get0_pubkey(chain.front().get()), key.value().get()) != 1) {
            ERR_clear_error();
            problems.push_back(about(
                files.key, "does not match " + files.cert.key + " " + files.cert.path.string()));
        }
    }
    return problems;
}

}  // namespace anpr::app
