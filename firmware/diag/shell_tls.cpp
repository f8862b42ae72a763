#include "diag/shell_tls.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/system/system_error.hpp>

namespace anpr::diag {

core::Result<std::unique_ptr<boost::asio::ssl::context>> make_shell_tls(
    const config::DiagConfig& config) {
    using boost::asio::ssl::context;
    if (config.tls_ca.empty() && config.tls_cert.empty() && config.tls_key.empty()) {
        return std::unique_ptr<context>();
    }
    if (config.tls_ca.empty() || config.tls_cert.empty() || config.tls_key.empty()) {
        return core::Error{"diag.tls_ca, tls_cert and tls_key go together: all three or none"};
    }
    auto tls = std::make_unique<context>(context::tls_server);
    tls->set_options(context::default_workarounds | context::no_sslv2 | context::no_sslv3 |
                     context::no_tlsv1 | context::no_tlsv1_1 | context::single_dh_use);
    SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    tls->set_verify_mode(boost::asio::ssl::verify_peer |
                         boost::asio::ssl::verify_fail_if_no_peer_cert);
    const auto load = [](const char* key, const std::filesystem::path& path,
                         auto&& use) -> core::Status {
        try {
            use(path.string());
            return core::Ok{};
        } catch (const boost::system::system_error& failure) {
            return core::Error{std::string("cannot use ") + key + " '" + path.string() +
                               "': " + failure.what()};
        }
    };
    if (auto ca = load("diag.tls_ca", config.tls_ca,
                       [&](const std::string& path) { tls->load_verify_file(path); });
        !ca) {
        return ca.error();
    }
    if (auto cert = load("diag.tls_cert", config.tls_cert,
                         [&](const std::string& path) { tls->use_certificate_chain_file(path); });
        !cert) {
        return cert.error();
    }
    if (auto key =
            load("diag.tls_key", config.tls_key,
                 [&](const std::string& path) { tls->use_private_key_file(path, context::pem); });
        !key) {
        return key.error();
    }
    if (SSL_CTX_check_private_key(tls->native_handle()) != 1) {
        return core::Error{"diag.tls_key '" + config.tls_key.string() +
                           "' is not the key of diag.tls_cert '" + config.tls_cert.string() + "'"};
    }
    return tls;
}

std::optional<std::string> peer_common_name(SSL* ssl) {
    X509* certificate = SSL_get0_peer_certificate(ssl);
    if (certificate == nullptr) return std::nullopt;
    X509_NAME* subject = X509_get_subject_name(certificate);
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0) return std::nullopt;
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    if (data == nullptr) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                       static_cast<std::size_t>(ASN1_STRING_length(data)));
}

}  // namespace anpr::diag
