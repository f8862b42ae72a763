#pragma once
/// A libcurl handle set up to talk to the central network as the unit does
/// for every exchange (the uplink's posts, the hit list's fetches): https
/// only, no redirects, no proxy from the environment, TLS 1.2 or later, only
/// the network's CA trusted, host name checked, the unit's own certificate
/// and key, and the configured time-outs.

#include <curl/curl.h>

#include <memory>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::uplink {

using CurlHandle = std::unique_ptr<CURL, void (*)(CURL*)>;

/// A handle for `url`; an Error names a CA, certificate or key file of
/// `tls` (uplink.*) that cannot be read.
core::Result<CurlHandle> network_session(const config::UplinkConfig& tls, const std::string& url,
                                         const std::string& user_agent);

}  // namespace anpr::uplink
