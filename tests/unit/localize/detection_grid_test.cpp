#include "localize/detection_grid.hpp"

#include <gtest/gtest.h>

namespace anpr::localize {
namespace {

constexpr int kRows = 72;
constexpr int kCols = 128;

/// An all-zero detector grid.
cv::Mat empty_grid() {
    const int dims[] = {1, kGridChannels, kRows, kCols};
    return cv::Mat(4, dims, CV_32F, cv::Scalar(0));
}

float& at(cv::Mat& grid, int channel, int y, int x) {
    return grid.ptr<float>()[(static_cast<std::size_t>(channel) * kRows + y) * kCols + x];
}

/// Writes a plate centred in cell (x, y) + (0.5, 0.5), `w` x `h` cells, its
/// corners on its box unless `corners` is given.
void put_plate(cv::Mat& grid, int x, int y, float score, float w, float h,
               std::vector<float> corners = {}) {
    at(grid, kScore, y, x) = score;
    at(grid, kOffsetX, y, x) = 0.5f;
    at(grid, kOffsetY, y, x) = 0.5f;
    at(grid, kWidth, y, x) = w;
    at(grid, kHeight, y, x) = h;
    if (corners.empty()) corners = {-w / 2, -h / 2, w / 2, -h / 2, w / 2, h / 2, -w / 2, h / 2};
    for (int k = 0; k < 8; ++k) at(grid, kCorners + k, y, x) = corners[static_cast<std::size_t>(k)];
}

const cv::Size kFrame(1920, 1080);
const double kScale = 512.0 / 1920.0;

TEST(DetectionGridTest, EmptyGridHasNoPlate) {
    EXPECT_TRUE(decode_detection_grid(empty_grid(), kScale, kFrame, {}).empty());
}

TEST(DetectionGridTest, PlateComesBackInFramePixels) {
    auto grid = empty_grid();
    put_plate(grid, 40, 30, 0.9f, 12.f, 3.f);  // centre (162, 122) input px
    const auto plates = decode_detection_grid(grid, kScale, kFrame, {});
    ASSERT_EQ(plates.size(), 1u);
    const auto& plate = plates.front();
    EXPECT_FLOAT_EQ(plate.score, 0.9f);
    // 4 px a cell, 1920 / 512 frame px an input px.
    EXPECT_NEAR(plate.box.x + plate.box.width / 2.0, 162 * 3.75, 2);
    EXPECT_NEAR(plate.box.y + plate.box.height / 2.0, 122 * 3.75, 2);
    EXPECT_NEAR(plate.box.width, 48 * 3.75, 2);
    EXPECT_NEAR(plate.box.height, 12 * 3.75, 2);
    // The quad is the plate grown by 5% of its width on each side and 10% of
    // its height above and below.
    ASSERT_EQ(plate.quad.size(), 4u);
    EXPECT_NEAR(plate.quad[0].x, plate.box.x - 0.05 * plate.box.width, 2);
    EXPECT_NEAR(plate.quad[0].y, plate.box.y - 0.1 * plate.box.height, 2);
    EXPECT_NEAR(plate.quad[2].x, plate.box.br().x + 0.05 * plate.box.width, 2);
    EXPECT_NEAR(plate.quad[2].y, plate.box.br().y + 0.1 * plate.box.height, 2);
}

TEST(DetectionGridTest, TiltedCornersAreKept) {
    auto grid = empty_grid();
    // A plate rising to the right: its right corners 1 cell higher.
    put_plate(grid, 60, 40, 0.8f, 12.f, 5.f, {-6, -1.5f, 6, -2.5f, 6, 1.5f, -6, 2.5f});
    const auto plates = decode_detection_grid(grid, kScale, kFrame, {});
    ASSERT_EQ(plates.size(), 1u);
    const auto& quad = plates.front().quad;
    EXPECT_LT(quad[1].y, quad[0].y - 2);  // tr above tl
    EXPECT_LT(quad[2].y, quad[3].y - 2);  // br above bl
}

TEST(DetectionGridTest, ImplausibleCornersFallBackToTheBox) {
    auto grid = empty_grid();
    // Corners crossed over (not convex): the box stands in.
    put_plate(grid, 60, 40, 0.8f, 12.f, 3.f, {6, -1.5f, -6, -1.5f, 6, 1.5f, -6, 1.5f});
    const auto plates = decode_detection_grid(grid, kScale, kFrame, {});
    ASSERT_EQ(plates.size(), 1u);
    const auto& plate = plates.front();
    EXPECT_NEAR(plate.quad[0].x, plate.box.x - 0.05 * plate.box.width, 1);
    EXPECT_NEAR(plate.quad[1].x, plate.box.br().x + 0.05 * plate.box.width, 1);
    EXPECT_NEAR(plate.quad[1].y, plate.quad[0].y, 0.01);  // upright, as the box
}

TEST(DetectionGridTest, OnlyPeaksAboveTheThresholdCount) {
    auto grid = empty_grid();
    put_plate(grid, 20, 20, 0.9f, 12.f, 3.f);
    put_plate(grid, 21, 20, 0.7f, 12.f, 3.f);   // the same plate's shoulder
    put_plate(grid, 100, 60, 0.2f, 12.f, 3.f);  // below min_score 0.3
    const auto plates = decode_detection_grid(grid, kScale, kFrame, {});
    ASSERT_EQ(plates.size(), 1u);
    EXPECT_FLOAT_EQ(plates.front().score, 0.9f);
}

TEST(DetectionGridTest, OverlappingPeaksAreOnePlate) {
    auto grid = empty_grid();
    put_plate(grid, 20, 20, 0.9f, 16.f, 4.f);
    put_plate(grid, 23, 20, 0.6f, 16.f, 4.f);  // two cells away, mostly the same box
    put_plate(grid, 90, 50, 0.5f, 16.f, 4.f);  // another plate
    const auto plates = decode_detection_grid(grid, kScale, kFrame, {});
    ASSERT_EQ(plates.size(), 2u);
    EXPECT_FLOAT_EQ(plates[0].score, 0.9f);
    EXPECT_FLOAT_EQ(plates[1].score, 0.5f);
}

TEST(DetectionGridTest, ConfigLimitsApply) {
    auto grid = empty_grid();
    put_plate(grid, 10, 10, 0.9f, 2.f, 1.f);  // 30 frame px wide: narrower than 40
    put_plate(grid, 30, 30, 0.8f, 12.f, 3.f);
    put_plate(grid, 60, 30, 0.7f, 12.f, 3.f);
    put_plate(grid, 90, 30, 0.6f, 12.f, 3.f);
    config::LocalizeConfig config;
    config.max_candidates = 2;
    const auto plates = decode_detection_grid(grid, kScale, kFrame, config);
    ASSERT_EQ(plates.size(), 2u);
    EXPECT_FLOAT_EQ(plates[0].score, 0.8f);
    EXPECT_FLOAT_EQ(plates[1].score, 0.7f);
}

TEST(DetectionGridTest, BoxesAreClippedToTheFrame) {
    auto grid = empty_grid();
    put_plate(grid, 127, 71, 0.9f, 30.f, 4.f);  // half outside the frame
    const auto plates = decode_detection_grid(grid, 512.0 / 1920.0, kFrame, {});
    ASSERT_EQ(plates.size(), 1u);
    EXPECT_LE(plates.front().box.br().x, kFrame.width);
    EXPECT_LE(plates.front().box.br().y, kFrame.height);
}

}  // namespace
}  // namespace anpr::localize
