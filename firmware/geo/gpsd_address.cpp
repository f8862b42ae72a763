#include "geo/gpsd_address.hpp"

#include <algorithm>
#include <cctype>

namespace anpr::geo {

namespace {

bool valid_port(std::string_view port) {
    if (port.empty() || port.size() > 5) return false;
    if (!std::all_of(port.begin(), port.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        return false;
    }
    const long value = std::stol(std::string(port));
    return value >= 1 && value <= 65535;
}

core::Error bad(std::string_view text, const std::string& why) {
    return {"gpsd address \"" + std::string(text) + "\": " + why +
            " (expected host:port, e.g. 127.0.0.1:2947)"};
}

}  // namespace

core::Result<GpsdAddress> parse_gpsd_address(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad(text, "no port");
    std::string_view host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return bad(text, "an IPv6 address needs brackets");
    }
    if (host.empty()) return bad(text, "no host");
    if (!valid_port(port)) return bad(text, "port must be a number from 1 to 65535");
    return GpsdAddress{std::string(host), std::string(port)};
}

}  // namespace anpr::geo
