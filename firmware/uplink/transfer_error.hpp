#pragma once
/// What a failed transfer to the central receiver means, in words a
/// technician can act on: the receiver is down, its certificate is wrong,
/// it refused this unit's certificate, it does not speak TLS...

#include <curl/curl.h>

#include <string>

namespace anpr::uplink {

/// One line naming the cause of `code`, with curl's own detail (`detail`,
/// its error buffer) appended, e.g. "TLS: the receiver's certificate is not
/// trusted (SSL certificate problem: certificate has expired)".
std::string describe_transfer_error(CURLcode code, const std::string& detail);

}  // namespace anpr::uplink
