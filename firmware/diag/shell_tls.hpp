#pragma once
/// The shell's TLS: a server context that asks every client for a
/// certificate from the configured CA, and the client certificate's common
/// name, which must be the account that logs in.

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::diag {

/// TLS 1.2 or later with client certificates required, from diag.tls_ca,
/// tls_cert and tls_key; nullptr when none of them is set (plain TCP, for
/// loopback). An Error names a file that cannot be read or used.
core::Result<std::unique_ptr<boost::asio::ssl::context>> make_shell_tls(
    const config::DiagConfig& config);

/// The subject CN of the certificate the peer of `ssl` presented; nullopt
/// without one.
std::optional<std::string> peer_common_name(SSL* ssl);

}  // namespace anpr::diag
