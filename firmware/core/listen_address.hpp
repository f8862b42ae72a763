#pragma once
/// Where a server of the unit's listens: "HOST:PORT" with HOST an IP
/// address ("127.0.0.1", "[::1]", "0.0.0.0") and PORT 0..65535 (0: a free
/// one, which the server logs).

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace anpr::core {

struct ListenAddress {
    boost::asio::ip::address host;
    std::uint16_t port = 0;
};

/// An Error saying what is wrong with `text` otherwise.
inline Result<ListenAddress> parse_listen_address(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        return Error{"'" + std::string(text) + "' is not HOST:PORT"};
    }
    std::string_view host = text.substr(0, colon);
    const std::string_view port_text = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    unsigned port = 0;
    const auto [end, failure] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || failure != std::errc{} || end != port_text.data() + port_text.size() ||
        port > 65535) {
        return Error{"'" + std::string(port_text) + "' in '" + std::string(text) +
                     "' is not a port 0..65535"};
    }
    boost::system::error_code failed;
    const auto address = boost::asio::ip::make_address(std::string(host), failed);
    if (failed) {
        return Error{"'" + std::string(host) + "' in '" + std::string(text) +
                     "' is not an IP address"};
    }
    return ListenAddress{address, static_cast<std::uint16_t>(port)};
}

}  // namespace anpr::core
