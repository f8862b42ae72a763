#include "tracking/lanes.hpp"

#include <gtest/gtest.h>

namespace anpr::tracking {
namespace {

config::LanesConfig two_lanes() {
    // Left and right halves of a 640x480 picture below the horizon (y 100).
    config::LanesConfig config;
    config.names = {"1", "2"};
    config.polygons = {{0, 100, 320, 100, 320, 480, 0, 480},
                       {320, 100, 640, 100, 640, 480, 320, 480}};
    return config;
}

TEST(LanesTest, NoLanesMeansTheWholePicture) {
    const Lanes lanes(config::LanesConfig{});
    EXPECT_TRUE(lanes.none());
    EXPECT_EQ(lanes.lane_of({10, 10, 50, 12}), "");
}

TEST(LanesTest, APlateIsInTheLaneItsLowerEdgeMeetsTheRoadIn) {
    const Lanes lanes(two_lanes());
    EXPECT_FALSE(lanes.none());
    EXPECT_EQ(lanes.lane_of({100, 300, 100, 22}), "1");
    EXPECT_EQ(lanes.lane_of({400, 300, 100, 22}), "2");
    // Straddling the line: its middle decides.
    EXPECT_EQ(lanes.lane_of({250, 300, 100, 22}), "1");
    EXPECT_EQ(lanes.lane_of({290, 300, 100, 22}), "2");
}

TEST(LanesTest, OutsideEveryLaneIsNowhere) {
    const Lanes lanes(two_lanes());
    EXPECT_FALSE(lanes.lane_of({100, 20, 100, 22}).has_value());  // above the horizon
}

}  // namespace
}  // namespace anpr::tracking
