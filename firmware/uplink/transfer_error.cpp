#include "uplink/transfer_error.hpp"

#include <array>
#include <string_view>

namespace anpr::uplink {
namespace {

bool mentions(const std::string& detail, std::string_view words) {
    return detail.find(words) != std::string::npos;
}

/// The receiver ends the handshake with one of these TLS alerts when it does
/// not accept the certificate this unit presented (or none at all).
constexpr std::array kClientCertAlerts{
    std::string_view("alert unknown ca"),           std::string_view("alert bad certificate"),
    std::string_view("alert certificate required"), std::string_view("alert certificate unknown"),
    std::string_view("alert handshake failure"),    std::string_view("alert certificate expired")};

std::string cause(CURLcode code, const std::string& detail) {
    switch (code) {
        case CURLE_PEER_FAILED_VERIFICATION:
            if (mentions(detail, "subject name") || mentions(detail, "host name")) {
                return "TLS: the receiver's certificate is for another host name";
            }
            if (mentions(detail, "expired")) return "TLS: the receiver's certificate has expired";
            if (mentions(detail, "not yet valid")) {
                return "TLS: the receiver's certificate is not valid yet (is the clock right?)";
            }
            return "TLS: the receiver's certificate is not signed by the network's CA";
        case CURLE_SSL_CERTPROBLEM:
            return "TLS: this unit's certificate or key cannot be used (uplink.cert_file, "
                   "uplink.key_file)";
        case CURLE_SSL_CACERT_BADFILE:
            return "TLS: the network's CA file cannot be read (uplink.ca_file)";
        case CURLE_UNSUPPORTED_PROTOCOL:
            return "refused: the uplink sends only over https";
        case CURLE_COULDNT_RESOLVE_HOST:
            return "the receiver's host name does not resolve";
        case CURLE_COULDNT_CONNECT:
            return "the receiver is unreachable (connection refused or no route)";
        case CURLE_OPERATION_TIMEDOUT:
            return "the receiver did not answer in time";
        case CURLE_GOT_NOTHING:
            return "the receiver closed the connection without an answer";
        default:
            break;
    }
    for (const auto alert : kClientCertAlerts) {
        if (mentions(detail, alert)) return "TLS: the receiver refused this unit's certificate";
    }
    if (mentions(detail, "wrong version number") || mentions(detail, "packet length too long") ||
        mentions(detail, "record layer failure")) {
        return "TLS: the receiver does not speak TLS (plain HTTP?)";
    }
    if (code == CURLE_SSL_CONNECT_ERROR) return "TLS: the handshake with the receiver failed";
    if (code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR) {
        return "the connection to the receiver was cut";
    }
    return "the transfer failed";
}

}  // namespace

std::string describe_transfer_error(CURLcode code, const std::string& detail) {
    const std::string what = detail.empty() ? curl_easy_strerror(code) : detail;
    return cause(code, detail) + " (" + what + ")";
}

}  // namespace anpr::uplink
