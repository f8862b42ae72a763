#include "geo/distance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace anpr::geo {
namespace {

// Reference distances on the WGS 84 ellipsoid (Vincenty's inverse formula);
// the sphere is within 0.5 % of them at these latitudes.
TEST(DistanceTest, BrusselsToAntwerpIsAbout42Km) {
    const LatLon brussels_grand_place{50.8467, 4.3525};
    const LatLon antwerp_grote_markt{51.2211, 4.3997};
    EXPECT_NEAR(distance_m(brussels_grand_place, antwerp_grote_markt), 41'783.0, 41'783.0 * 0.005);
}

TEST(DistanceTest, BrusselsToParisIsAbout264Km) {
    EXPECT_NEAR(distance_m({50.8466, 4.3528}, {48.8566, 2.3522}), 263'969.0, 263'969.0 * 0.005);
}

TEST(DistanceTest, SamePointIsZero) {
    EXPECT_EQ(distance_m({50.8466, 4.3528}, {50.8466, 4.3528}), 0.0);
}

TEST(DistanceTest, IsSymmetric) {
    const LatLon a{50.8466, 4.3528};
    const LatLon b{51.2211, 4.3997};
    EXPECT_DOUBLE_EQ(distance_m(a, b), distance_m(b, a));
}

TEST(DistanceTest, TwoHundredMetresNorthOfTheSite) {
    EXPECT_NEAR(distance_m({50.8466, 4.3528}, {50.8466 + 200.0 / 111'320.0, 4.3528}), 199.9, 1.0);
}

TEST(DistanceTest, AntipodesAreHalfTheCircumferenceAndNotNan) {
    const double half_circumference = std::numbers::pi * 6'371'008.8;
    EXPECT_NEAR(distance_m({0.0, 0.0}, {0.0, 180.0}), half_circumference, 1.0);
    EXPECT_NEAR(distance_m({50.8466, 4.3528}, {-50.8466, -175.6472}), half_circumference, 1.0);
    EXPECT_NEAR(distance_m({90.0, 0.0}, {-90.0, 0.0}), half_circumference, 1.0);
}

TEST(DistanceTest, CrossesTheAntimeridianTheShortWay) {
    // 0.2 degrees of longitude at the equator, not 359.8.
    EXPECT_NEAR(distance_m({0.0, 179.9}, {0.0, -179.9}), 22'239.0, 10.0);
}

}  // namespace
}  // namespace anpr::geo
