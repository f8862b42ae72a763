#include "diag/selftest_collector.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::diag {
namespace {

/// Dark bars on a light ground, a little blurred: something to measure.
cv::Mat bars(cv::Size size) {
    cv::Mat image(size, CV_8U, cv::Scalar(220));
    for (int x = 10; x + 6 < size.width; x += 16) {
        image(cv::Rect(x, 8, 6, size.height - 16)).setTo(30);
    }
    cv::GaussianBlur(image, image, cv::Size(0, 0), 1.0);
    return image;
}

core::Frame frame_at(double seconds, const cv::Mat& image) {
    core::Frame frame;
    cv::cvtColor(image, frame.image, cv::COLOR_GRAY2BGR);
    frame.captured.monotonic = std::chrono::steady_clock::time_point{} +
                               std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                   std::chrono::duration<double>(seconds + 1000));
    return frame;
}

core::PlateRead plate(cv::Rect box, float confidence) {
    core::PlateRead read;
    read.box = box;
    read.confidence = confidence;
    return read;
}

TEST(SelftestCollectorTest, SumsUpTheRecentFrames) {
    SelftestCollector collector({.window = 300, .measures_per_s = 0});
    const cv::Mat image = bars({320, 240});
    for (int i = 0; i < 10; ++i) {
        std::vector<core::PlateRead> plates;
        if (i % 2 == 0) plates.push_back(plate(cv::Rect(10, 8, 100, 20 + i), 0.9f));
        collector.observe(frame_at(i / 25.0, image), plates);
    }
    collector.observe_failure();
    const auto stats = collector.stats();
    EXPECT_EQ(stats.frames, 11u);
    EXPECT_EQ(stats.frames_failed, 1u);
    EXPECT_EQ(stats.frames_with_plate, 5u);
    EXPECT_EQ(stats.reads, 5u);
    ASSERT_TRUE(stats.frames_per_s);
    EXPECT_NEAR(*stats.frames_per_s, 25.0, 0.01);
    EXPECT_EQ(stats.measured, 10u);
    EXPECT_EQ(stats.plate_regions, 5u);
    ASSERT_TRUE(stats.plate_height_px);
    EXPECT_EQ(*stats.plate_height_px, 24.0);
    ASSERT_TRUE(stats.confidence);
    EXPECT_NEAR(*stats.confidence, 0.9, 1e-6);
    ASSERT_TRUE(stats.edge_blur_px);
    ASSERT_TRUE(stats.exposure);
}

TEST(SelftestCollectorTest, MeasuresAFewFramesASecondAndKeepsAWindow) {
    SelftestCollector collector({.window = 50, .measures_per_s = 2});
    const cv::Mat image = bars({320, 240});
    for (int i = 0; i < 100; ++i) collector.observe(frame_at(i / 25.0, image), {});  // 4 s
    const auto stats = collector.stats();
    EXPECT_EQ(stats.frames, 50u);
    // The last 50 frames span 2 s: at 2 a second, 4 or 5 of them measured.
    EXPECT_GE(stats.measured, 4u);
    EXPECT_LE(stats.measured, 5u);
    EXPECT_EQ(stats.plate_regions, 0u);
    EXPECT_FALSE(stats.plate_height_px);
    ASSERT_TRUE(stats.edge_blur_px);  // from the scene
}

TEST(SelftestCollectorTest, EmptyWindowHasNoFigures) {
    const SelftestCollector collector;
    const auto stats = collector.stats();
    EXPECT_EQ(stats.frames, 0u);
    EXPECT_FALSE(stats.frames_per_s);
    EXPECT_FALSE(stats.edge_blur_px);
    EXPECT_FALSE(stats.exposure);
}

}  // namespace
}  // namespace anpr::diag
