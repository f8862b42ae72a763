#include "geo/gps_service.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "geo/reconnect_delay.hpp"

namespace anpr::geo {
namespace {

using namespace std::chrono_literals;

const LatLon site{50.8466, 4.3528};

GpsConfig config(const std::string& gpsd, float max_age_s = 2.f,
                 float max_site_distance_m = 200.f) {
    GpsConfig config;
    config.gpsd = gpsd;
    config.max_age_s = max_age_s;
    config.max_site_distance_m = max_site_distance_m;
    return config;
}

/// A loopback port nobody listens on: bound, never listened, so connecting
/// to it is refused for as long as the socket is held.
class RefusingPort {
  public:
    RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof address;
        if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
            throw std::runtime_error("cannot bind a loopback port");
        }
        port_ = ntohs(address.sin_port);
    }
    ~RefusingPort() { close(fd_); }
    int port() const { return port_; }

  private:
    int fd_;
    int port_ = 0;
};

TEST(GpsServiceTest, WithoutGpsdThereIsNoFixAndNoThread) {
    GpsService gps(GpsConfig{}, site);
    EXPECT_EQ(gps.name(), "gps");
    gps.start();
    EXPECT_FALSE(gps.current());
    std::ostringstream out;
    gps.status(out);
    EXPECT_EQ(out.str(), "gps: no gpsd configured, records carry the configured position\n");
    gps.stop();
}

TEST(GpsServiceTest, InvalidConfigIsRefusedNamingTheKey) {
    EXPECT_THROW(GpsService(config("localhost"), site), std::invalid_argument);
    try {
        GpsService gps(config("127.0.0.1:2947", 0.f), site);
        FAIL() << "max_age_s 0 accepted";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("gps.max_age_s"), std::string::npos);
    }
    EXPECT_FALSE(check_gps_config(config("x:1", 2.f, -1.f)));
    EXPECT_TRUE(check_gps_config({}));
}

TEST(GpsServiceTest, RefusedGpsdIsOneOutageAndStopIsPrompt) {
    RefusingPort port;
    GpsService gps(config("127.0.0.1:" + std::to_string(port.port())), site);
    gps.start();
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (gps.status().gpsd_outages == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    std::this_thread::sleep_for(1600ms);  // two more refused attempts: still one outage
    const auto status = gps.status();
    EXPECT_EQ(status.gpsd_outages, 1u);
    EXPECT_EQ(status.gpsd_restarts, 0u);
    EXPECT_FALSE(status.connected);
    EXPECT_NE(status.last_error.find("cannot connect to gpsd at 127.0.0.1:"), std::string::npos)
        << status.last_error;
    EXPECT_FALSE(gps.current());

    const auto stopping = std::chrono::steady_clock::now();
    gps.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - stopping, 500ms);
}

TEST(ReconnectDelayTest, DoublesFromHalfASecondToTenSeconds) {
    EXPECT_EQ(reconnect_delay(1), 500ms);
    EXPECT_EQ(reconnect_delay(2), 1000ms);
    EXPECT_EQ(reconnect_delay(3), 2000ms);
    EXPECT_EQ(reconnect_delay(5), 8000ms);
    EXPECT_EQ(reconnect_delay(6), 10'000ms);
    EXPECT_EQ(reconnect_delay(1000), 10'000ms);
}

}  // namespace
}  // namespace anpr::geo
