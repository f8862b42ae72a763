#include "uplink/transfer_error.hpp"

#include <gtest/gtest.h>

namespace anpr::uplink {
namespace {

bool says(const std::string& line, const std::string& words) {
    return line.find(words) != std::string::npos;
}

TEST(TransferErrorTest, NamesEachTlsCause) {
    EXPECT_TRUE(says(describe_transfer_error(CURLE_PEER_FAILED_VERIFICATION,
                                             "SSL certificate problem: certificate has expired"),
                     "certificate has expired"));
    EXPECT_TRUE(says(describe_transfer_error(
                         CURLE_PEER_FAILED_VERIFICATION,
                         "SSL: no alternative certificate subject name matches target host name "
                         "'localhost'"),
                     "another host name"));
    EXPECT_TRUE(says(
        describe_transfer_error(CURLE_PEER_FAILED_VERIFICATION,
                                "SSL certificate problem: unable to get local issuer certificate"),
        "not signed by the network's CA"));
    EXPECT_TRUE(says(describe_transfer_error(CURLE_RECV_ERROR,
                                             "OpenSSL SSL_read: error:0A000418:SSL "
                                             "routines::tlsv1 alert unknown ca, errno 0"),
                     "refused this unit's certificate"));
    EXPECT_TRUE(says(describe_transfer_error(CURLE_SSL_CONNECT_ERROR,
                                             "error:0A00010B:SSL routines::wrong version number"),
                     "does not speak TLS"));
}

TEST(TransferErrorTest, NamesNetworkCausesAndKeepsCurlsDetail) {
    const auto line =
        describe_transfer_error(CURLE_COULDNT_CONNECT, "Failed to connect to localhost port 9");
    EXPECT_TRUE(says(line, "unreachable"));
    EXPECT_TRUE(says(line, "port 9"));
    EXPECT_TRUE(says(describe_transfer_error(CURLE_OPERATION_TIMEDOUT, ""), "in time"));
    EXPECT_TRUE(says(describe_transfer_error(CURLE_GOT_NOTHING, ""), "without an answer"));
    EXPECT_TRUE(says(describe_transfer_error(CURLE_UNSUPPORTED_PROTOCOL, ""), "only over https"));
}

}  // namespace
}  // namespace anpr::uplink
