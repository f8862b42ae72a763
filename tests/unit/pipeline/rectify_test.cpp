#include "pipeline/rectify.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::pipeline {
namespace {

TEST(RectifyTest, TurnsARotatedPlateUpright) {
    // A dark bar across the upper half of a light plate, rotated by 10 degrees.
    cv::Mat plate(100, 400, CV_8UC3, cv::Scalar(230, 230, 230));
    cv::rectangle(plate, cv::Rect(0, 0, 400, 50), cv::Scalar(20, 20, 20), cv::FILLED);
    cv::Mat scene(600, 800, CV_8UC3, cv::Scalar(128, 128, 128));
    const cv::Point2f centre(400, 300);
    cv::Mat rotation = cv::getRotationMatrix2D({200, 50}, -10, 1.0);
    rotation.at<double>(0, 2) += centre.x - 200;
    rotation.at<double>(1, 2) += centre.y - 50;
    cv::warpAffine(plate, scene, rotation, scene.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    std::vector<cv::Point2f> corners{{0, 0}, {400, 0}, {400, 100}, {0, 100}};
    cv::transform(corners, corners, rotation);

    const cv::Mat upright = rectify(scene, corners, 50);
    ASSERT_EQ(upright.rows, 50);
    EXPECT_NEAR(upright.cols, 200, 2);
    EXPECT_EQ(upright.type(), CV_8UC3);
    EXPECT_LT(cv::mean(upright(cv::Rect(10, 5, 180, 15)))[0],
              60);  // the bar, across the whole width
    EXPECT_GT(cv::mean(upright(cv::Rect(10, 32, 180, 14)))[0], 180);  // the light half
}

}  // namespace
}  // namespace anpr::pipeline
