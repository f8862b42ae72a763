#include "receiver/tls.hpp"

#include <openssl/x509.h>

#include <memory>

namespace anpr::receiver {
namespace {

namespace ssl = boost::asio::ssl;

core::Error unusable(const char* what, const std::filesystem::path& file,
                     const boost::system::error_code& error) {
    return core::Error{std::string("cannot use ") + what + " '" + file.string() +
                       "': " + error.message()};
}

}  // namespace

core::Result<ssl::context> make_server_tls(const std::filesystem::path& certificate,
                                           const std::filesystem::path& key,
                                           const std::filesystem::path& client_ca) {
    ssl::context tls(ssl::context::tls_server);
    boost::system::error_code error;
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                        ssl::context::single_dh_use,
                    error);
    if (error || SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION) != 1)
        return core::Error{"cannot restrict TLS to version 1.2 and newer"};
    if (tls.use_certificate_chain_file(certificate.string(), error); error)
        return unusable("server certificate", certificate, error);
    // Also checks that the key is the certificate's.
    if (tls.use_private_key_file(key.string(), ssl::context::pem, error); error)
        return unusable("server key", key, error);
    if (tls.load_verify_file(client_ca.string(), error); error)
        return unusable("client CA", client_ca, error);
    tls.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert, error);
    if (error) return core::Error{"cannot demand client certificates: " + error.message()};
    return tls;
}

std::string peer_common_name(const SSL* ssl) {
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(SSL_get1_peer_certificate(ssl),
                                                                  X509_free);
    if (!certificate) return "";
    const X509_NAME* subject = X509_get_subject_name(certificate.get());
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0) return "";
    unsigned char* utf8 = nullptr;
    const int length =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
    if (length < 0) return "";
    const std::unique_ptr<unsigned char, void (*)(void*)> owned(utf8,
                                                                [](void* p) { OPENSSL_free(p); });
    return std::string(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
}

std::string handshake_failure(const boost::system::error_code& error, const SSL* ssl) {
    std::string reason = error.message();
    const long verified = SSL_get_verify_result(ssl);
    if (verified != X509_V_OK)
        reason += std::string(" (") + X509_verify_cert_error_string(verified) + ")";
    return reason;
}

}  // namespace anpr::receiver
