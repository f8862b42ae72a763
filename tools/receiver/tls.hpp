#pragma once
/// The receiver's side of mutual TLS: what it offers, what it demands of a
/// unit's certificate, and what it says about a peer.

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace anpr::receiver {

/// A server context for TLS 1.2 and newer with `certificate` (a PEM chain) and
/// `key`, that demands a client certificate chaining to `client_ca`. An Error
/// names the file that could not be used.
core::Result<boost::asio::ssl::context> make_server_tls(const std::filesystem::path& certificate,
                                                        const std::filesystem::path& key,
                                                        const std::filesystem::path& client_ca);

/// The CN of the peer's verified certificate; "" when it presented none.
std::string peer_common_name(const SSL* ssl);

/// Why a handshake failed, for the log: OpenSSL's reason and, when the peer's
/// certificate did not verify, why not.
std::string handshake_failure(const boost::system::error_code& error, const SSL* ssl);

}  // namespace anpr::receiver
