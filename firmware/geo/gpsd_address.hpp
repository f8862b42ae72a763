#pragma once
/// Where gpsd listens, from the config's "host:port".

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace anpr::geo {

struct GpsdAddress {
    std::string host;  ///< name or address; an IPv6 address without its brackets
    std::string port;  ///< decimal, 1..65535, as libgps wants it
};

/// Splits "host:port" ("127.0.0.1:2947", "gps.local:2947", "[::1]:2947");
/// an Error saying what is wrong otherwise.
core::Result<GpsdAddress> parse_gpsd_address(std::string_view text);

}  // namespace anpr::geo
