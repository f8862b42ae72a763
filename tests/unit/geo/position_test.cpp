#include "geo/position.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace anpr::geo {
namespace {

const LatLon site{50.8466, 4.3528};

GeoFix fix_at(double lat, double lon) {
    GeoFix fix;
    fix.mode = GeoFix::Mode::fix_3d;
    fix.lat = lat;
    fix.lon = lon;
    fix.heading_deg = 87.0;
    fix.speed_mps = 0.1;
    fix.horizontal_error_m = 4.5;
    fix.gps_time = std::chrono::system_clock::time_point(std::chrono::seconds(1'715'675'400));
    fix.satellites_used = 8;
    return fix;
}

TEST(PositionTest, WithoutAFixTheConfiguredSiteIsUsed) {
    const auto position = position_for_record(std::nullopt, site, 200.0);
    EXPECT_EQ(position.source, PositionSource::Source::config);
    EXPECT_EQ(to_string(position.source), "config");
    EXPECT_EQ(position.lat, site.lat);
    EXPECT_EQ(position.lon, site.lon);
    EXPECT_FALSE(position.fix);
    EXPECT_EQ(position.distance_from_site_m, 0.0);
    EXPECT_FALSE(position.far_from_site);
}

TEST(PositionTest, AReportWithoutAFixIsNoPosition) {
    GeoFix no_fix;
    no_fix.gps_time = std::chrono::system_clock::now();
    const auto position = position_for_record(no_fix, site, 200.0);
    EXPECT_EQ(position.source, PositionSource::Source::config);
    EXPECT_EQ(position.lat, site.lat);
}

TEST(PositionTest, AFixNearTheSiteIsUsedWithItsDetails) {
    const auto fix = fix_at(50.84665, 4.35285);
    const auto position = position_for_record(fix, site, 200.0);
    EXPECT_EQ(position.source, PositionSource::Source::gps);
    EXPECT_EQ(to_string(position.source), "gps");
    EXPECT_EQ(position.lat, 50.84665);
    EXPECT_EQ(position.lon, 4.35285);
    ASSERT_TRUE(position.fix);
    EXPECT_EQ(position.fix->mode, GeoFix::Mode::fix_3d);
    EXPECT_EQ(position.fix->heading_deg, 87.0);
    EXPECT_EQ(position.fix->speed_mps, 0.1);
    EXPECT_EQ(position.fix->horizontal_error_m, 4.5);
    EXPECT_EQ(position.fix->gps_time, fix.gps_time);
    EXPECT_EQ(position.fix->satellites_used, 8);
    EXPECT_NEAR(position.distance_from_site_m, 6.6, 0.5);
    EXPECT_FALSE(position.far_from_site);
}

TEST(PositionTest, AFixFarFromTheSiteIsUsedAndFlagged) {
    // 1 km north: the GPS is believed, the record says the site disagrees.
    const auto position =
        position_for_record(fix_at(50.8466 + 1000.0 / 111'195.0, 4.3528), site, 200.0);
    EXPECT_EQ(position.source, PositionSource::Source::gps);
    EXPECT_NEAR(position.distance_from_site_m, 1000.0, 1.0);
    EXPECT_TRUE(position.far_from_site);
}

TEST(PositionTest, FarMeansBeyondTheLimit) {
    const auto at_limit =
        position_for_record(fix_at(50.8466 + 199.0 / 111'195.0, 4.3528), site, 200.0);
    EXPECT_FALSE(at_limit.far_from_site);
    const auto beyond =
        position_for_record(fix_at(50.8466 + 201.0 / 111'195.0, 4.3528), site, 200.0);
    EXPECT_TRUE(beyond.far_from_site);
}

}  // namespace
}  // namespace anpr::geo
