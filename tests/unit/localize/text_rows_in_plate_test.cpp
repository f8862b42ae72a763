#include "localize/text_rows_in_plate.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

namespace anpr::localize {
namespace {

TEST(TextRowsInPlateTest, RowReachesBeyondAShortOutline) {
    // images/fr_01.expect.json: the plate's box is [229, 369, 192, 51]. An
    // outline cut 20% short on the right still yields the whole row.
    core::Frame frame;
    frame.image = cv::imread("images/fr_01.jpg");
    ASSERT_FALSE(frame.image.empty());
    core::PlateCandidate outline;
    outline.box = cv::Rect(229, 369, 154, 51);
    outline.score = 0.7f;
    const auto rows = text_rows_in_plate(frame, outline, config::LocalizeConfig{});
    ASSERT_FALSE(rows.empty());
    const auto& row = rows.front();
    EXPECT_GE(row.box.br().x, 229 + 192 - 12) << row.box;
    EXPECT_GE(row.score, 0.7f);  // the detector's belief, raised by the row's
    EXPECT_LE(row.score, 1.f);
    ASSERT_EQ(row.quad.size(), 4u);
    EXPECT_GT(row.quad[1].x, 229 + 192 - 20);  // frame pixels, not the region's
}

TEST(TextRowsInPlateTest, NoRowInABlankRegion) {
    core::Frame frame;
    frame.image = cv::Mat(480, 640, CV_8UC3, cv::Scalar(120, 120, 120));
    core::PlateCandidate outline;
    outline.box = cv::Rect(200, 200, 150, 40);
    EXPECT_TRUE(text_rows_in_plate(frame, outline, config::LocalizeConfig{}).empty());
    outline.box = cv::Rect(700, 500, 150, 40);  // outside the frame
    EXPECT_TRUE(text_rows_in_plate(frame, outline, config::LocalizeConfig{}).empty());
}

}  // namespace
}  // namespace anpr::localize
