#include "geo/gpsd_address.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace anpr::geo {
namespace {

TEST(GpsdAddressTest, HostAndPort) {
    const auto address = parse_gpsd_address("127.0.0.1:2947");
    ASSERT_TRUE(address) << address.error().message;
    EXPECT_EQ(address.value().host, "127.0.0.1");
    EXPECT_EQ(address.value().port, "2947");
}

TEST(GpsdAddressTest, NameAndBracketedIpv6) {
    EXPECT_EQ(parse_gpsd_address("gps.local:2947").value().host, "gps.local");
    EXPECT_EQ(parse_gpsd_address("[::1]:2947").value().host, "::1");
}

TEST(GpsdAddressTest, ErrorsSayWhatIsWrong) {
    for (const auto* bad :
         {"127.0.0.1", "127.0.0.1:", ":2947", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:29a7",
          "127.0.0.1:-1", "::1:2947", "[]:2947", "127.0.0.1:000002947"}) {
        const auto address = parse_gpsd_address(bad);
        ASSERT_FALSE(address) << bad;
        EXPECT_NE(address.error().message.find(bad), std::string::npos) << address.error().message;
        EXPECT_NE(address.error().message.find("host:port"), std::string::npos);
    }
}

// Whatever the config holds, the parser answers without crashing or hanging,
// and what it accepts has a host and a port in range.
TEST(GpsdAddressTest, FuzzedInputNeverBreaksIt) {
    const std::string alphabet = "0123456789:[].abcz- \t\n\xff";
    for (const std::uint32_t seed : {1u, 2u, 3u, 2947u}) {
        std::mt19937 random(seed);
        for (int i = 0; i < 5000; ++i) {
            std::string text(random() % 24, ' ');
            for (auto& c : text) c = alphabet[random() % alphabet.size()];
            const auto address = parse_gpsd_address(text);
            if (!address) continue;
            EXPECT_FALSE(address.value().host.empty()) << text;
            const long port = std::stol(address.value().port);
            EXPECT_GE(port, 1) << text;
            EXPECT_LE(port, 65535) << text;
        }
    }
}

}  // namespace
}  // namespace anpr::geo
