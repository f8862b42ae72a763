#include "ocr/character_mask.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::ocr {
namespace {

TEST(CharacterMaskTest, KeepsCharactersAndDropsTheBorder) {
    cv::Mat plate(64, 280, CV_8UC1, cv::Scalar(230));
    cv::rectangle(plate, cv::Rect(0, 0, 280, 64), cv::Scalar(20), 4);  // plate border
    cv::putText(plate, "AB12", {30, 52}, cv::FONT_HERSHEY_DUPLEX, 1.4, cv::Scalar(10), 3);
    const cv::Mat mask = character_mask(plate, 0.625);
    ASSERT_FALSE(mask.empty());
    // The border is gone: the mask's outer ring (margin plus old border) is white.
    const int margin = (mask.rows - plate.rows) / 2;
    cv::Mat ring = mask.clone();
    ring(cv::Rect(margin + 6, margin + 6, plate.cols - 12, plate.rows - 12)).setTo(255);
    EXPECT_EQ(cv::countNonZero(ring == 0), 0);
    // The characters remain, in black.
    EXPECT_GT(cv::countNonZero(mask == 0), 200);
}

TEST(CharacterMaskTest, IgnoresLightTextOnDark) {
    cv::Mat overlay(64, 280, CV_8UC1, cv::Scalar(30));
    cv::putText(overlay, "2024", {30, 52}, cv::FONT_HERSHEY_DUPLEX, 1.4, cv::Scalar(250), 3);
    EXPECT_TRUE(character_mask(overlay, 0.625).empty());
}

TEST(CharacterMaskTest, BlankPlateGivesNothing) {
    const cv::Mat blank(64, 280, CV_8UC1, cv::Scalar(200));
    EXPECT_TRUE(character_mask(blank, 0.625).empty());
}

}  // namespace
}  // namespace anpr::ocr
