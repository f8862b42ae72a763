#include "pipeline/plate_ground.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::pipeline {
namespace {

cv::Mat plate_of(cv::Scalar ground_bgr) {
    cv::Mat plate(64, 280, CV_8UC3, ground_bgr);
    cv::putText(plate, "AB12", {30, 52}, cv::FONT_HERSHEY_DUPLEX, 1.4, cv::Scalar(20, 20, 20), 3);
    return plate;
}

TEST(PlateGroundTest, TellsYellowFromWhite) {
    EXPECT_EQ(plate_ground(plate_of({20, 200, 240})), plates::PlateGround::yellow);
    EXPECT_EQ(plate_ground(plate_of({235, 235, 235})), plates::PlateGround::white);
    EXPECT_EQ(plate_ground(plate_of({200, 205, 215})),
              plates::PlateGround::white);  // warm white in shade
}

TEST(PlateGroundTest, UnknownForOtherColoursAndGrey) {
    EXPECT_EQ(plate_ground(plate_of({220, 120, 30})), plates::PlateGround::unknown);  // blue
    cv::Mat grey;
    cv::cvtColor(plate_of({235, 235, 235}), grey, cv::COLOR_BGR2GRAY);
    EXPECT_EQ(plate_ground(grey), plates::PlateGround::unknown);
    EXPECT_EQ(plate_ground(cv::Mat()), plates::PlateGround::unknown);
}

}  // namespace
}  // namespace anpr::pipeline
