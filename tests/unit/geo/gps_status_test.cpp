#include "geo/gps_status.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

namespace anpr::geo {
namespace {

using namespace std::chrono_literals;

std::string text(const GpsStatus& status, std::chrono::steady_clock::time_point now) {
    std::ostringstream out;
    write_status(out, status, now);
    return out.str();
}

TEST(GpsStatusTest, WithoutGpsdSaysTheConfiguredPositionIsUsed) {
    EXPECT_EQ(text({}, {}), "gps: no gpsd configured, records carry the configured position\n");
}

TEST(GpsStatusTest, ShowsTheFixCountsAndSiteCheck) {
    const auto now = std::chrono::steady_clock::time_point(100s);
    GpsStatus status;
    status.gpsd = "127.0.0.1:2947";
    status.connected = true;
    GeoFix fix;
    fix.mode = GeoFix::Mode::fix_3d;
    fix.lat = 50.846595667;
    fix.lon = 4.352809167;
    fix.horizontal_error_m = 17.1;
    fix.satellites_used = 8;
    // 2024-05-14T08:30:07Z
    fix.gps_time = std::chrono::system_clock::time_point(1'715'675'407s);
    fix.received = now - 300ms;
    status.last = fix;
    status.usable = true;
    status.counts.fixes = 12;
    status.counts.fix_losses = 1;
    status.counts.far_from_site = 3;
    status.far_from_site = true;
    status.site_distance_m = 1234.4;
    status.gpsd_outages = 2;
    status.gpsd_restarts = 1;
    status.last_error = "gpsd: connection closed by gpsd";

    EXPECT_EQ(text(status, now),
              "gps: gpsd 127.0.0.1:2947 connected\n"
              "  fix: 3d 50.846596, 4.352809 (error 17 m), 8 satellites, gps time "
              "2024-05-14T08:30:07.000Z, 0.3 s ago\n"
              "  site: 1234 m from the configured position, TOO FAR: check the unit's position\n"
              "  counts: 12 fixes, 1 fix losses, 3 far from site, 2 gpsd outages, 1 gpsd "
              "restarts\n"
              "  last gpsd error: gpsd: connection closed by gpsd\n");
}

TEST(GpsStatusTest, ShowsAReportWithoutFixAsNotUsed) {
    GpsStatus status;
    status.gpsd = "127.0.0.1:2947";
    GeoFix no_fix;
    no_fix.gps_time = std::chrono::system_clock::time_point(1'715'675'412s);
    status.last = no_fix;
    const auto out = text(status, no_fix.received + 1s);
    EXPECT_NE(out.find("gps: gpsd 127.0.0.1:2947 NOT connected\n"), std::string::npos) << out;
    EXPECT_NE(out.find("  fix: none (not used), gps time 2024-05-14T08:30:12.000Z, 1.0 s ago\n"),
              std::string::npos)
        << out;
    EXPECT_EQ(out.find("site:"), std::string::npos) << out;
}

TEST(GpsStatusTest, BeforeAnyReport) {
    GpsStatus status;
    status.gpsd = "127.0.0.1:2947";
    EXPECT_NE(text(status, {}).find("  fix: none yet\n"), std::string::npos);
}

}  // namespace
}  // namespace anpr::geo
