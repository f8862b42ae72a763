#include "diag/image_quality.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace anpr::diag {
namespace {

/// Dark bars on a light ground, like glyphs on a plate but far enough apart
/// that blurred edges do not meet, blurred by `sigma` px and scaled by `gain`.
cv::Mat bars(double sigma, double gain = 1.0, cv::Size size = {200, 64}) {
    cv::Mat image(size, CV_32F, cv::Scalar(220));
    for (int x = 12; x + 24 < size.width; x += 48) {
        image(cv::Rect(x, 12, 24, size.height - 24)).setTo(30);
    }
    if (sigma > 0) cv::GaussianBlur(image, image, cv::Size(0, 0), sigma);
    cv::Mat out;
    image.convertTo(out, CV_8U, gain);
    return out;
}

cv::Mat with_noise(const cv::Mat& image, double sigma) {
    cv::Mat noise(image.size(), CV_32F), noisy;
    cv::randn(noise, 0, sigma);
    image.convertTo(noisy, CV_32F);
    noisy += noise;
    noisy.convertTo(noisy, CV_8U);
    return noisy;
}

TEST(EdgeBlurTest, GivesTheBlurOfAGaussianBlurredEdge) {
    for (const double sigma : {1.5, 2.0, 3.0, 4.0}) {
        EXPECT_NEAR(edge_blur_px(bars(sigma)), sigma, 0.15 * sigma) << "sigma " << sigma;
    }
    EXPECT_LT(edge_blur_px(bars(0)), 0.8);
}

TEST(EdgeBlurTest, NoiseAddedAfterTheBlurDoesNotPassForSharpness) {
    cv::setRNGSeed(7);
    EXPECT_GT(edge_blur_px(with_noise(bars(3.0), 4.0)), 2.0);
}

TEST(EdgeBlurTest, DoesNotCallADarkButSharpPictureBlurred) {
    const double bright = edge_blur_px(bars(1.0));
    const double dark = edge_blur_px(bars(1.0, 0.12));  // glyphs 4, ground 26
    EXPECT_NEAR(dark, bright, 0.5);
    EXPECT_LT(dark, 2.0);
}

TEST(EdgeBlurTest, IsInfiniteWithoutEdges) {
    EXPECT_TRUE(std::isinf(edge_blur_px(cv::Mat(20, 20, CV_8U, cv::Scalar(128)))));
    EXPECT_TRUE(std::isinf(edge_blur_px(cv::Mat())));
}

TEST(SceneEdgeBlurTest, JudgesTheDetailedPartsNotTheNoisyFlatOnes) {
    // A noisy flat frame with one patch of sharp, then blurred, detail.
    cv::setRNGSeed(7);
    cv::Mat flat(240, 320, CV_8U, cv::Scalar(220));  // the bars' ground
    cv::Mat sharp_frame = flat.clone(), blurred_frame = flat.clone();
    bars(0.5).copyTo(sharp_frame(cv::Rect(40, 60, 200, 64)));
    bars(3.0).copyTo(blurred_frame(cv::Rect(40, 60, 200, 64)));
    EXPECT_LT(scene_edge_blur_px(with_noise(sharp_frame, 3.0)), 1.0);
    EXPECT_GT(scene_edge_blur_px(with_noise(blurred_frame, 3.0)), 2.0);
}

TEST(ExposureTest, CountsClippedPixelsAndPercentiles) {
    cv::Mat image(100, 100, CV_8U, cv::Scalar(100));
    image(cv::Rect(0, 0, 100, 10)).setTo(0);     // 10% black
    image(cv::Rect(0, 90, 100, 10)).setTo(255);  // 10% white
    const auto e = exposure(image);
    EXPECT_NEAR(e.dark_clipped, 0.10, 1e-9);
    EXPECT_NEAR(e.bright_clipped, 0.10, 1e-9);
    EXPECT_NEAR(e.mean, 0.8 * 100 + 0.1 * 255, 1e-6);
    EXPECT_EQ(e.percentiles[0], 0);    // 1st
    EXPECT_EQ(e.percentiles[2], 100);  // 50th
    EXPECT_EQ(e.percentiles[4], 255);  // 99th
}

TEST(MeasureFrameTest, MeasuresPlateRegionsBigEnoughInsideTheFrame) {
    cv::Mat frame(240, 320, CV_8UC3, cv::Scalar::all(220));  // the bars' ground
    cv::Mat plate;
    cv::cvtColor(bars(2.0), plate, cv::COLOR_GRAY2BGR);
    plate.copyTo(frame(cv::Rect(100, 150, 200, 64)));
    const auto quality = measure_frame(frame, {cv::Rect(100, 150, 200, 64),  // measured
                                               cv::Rect(316, 236, 60, 20),   // cut by the edge
                                               cv::Rect(10, 10, 30, 5)});    // too low
    ASSERT_EQ(quality.plate_blur_px.size(), 1u);
    EXPECT_NEAR(quality.plate_blur_px[0], 2.0, 0.3);
    EXPECT_NEAR(quality.scene_blur_px, 2.0, 0.3);
    EXPECT_GT(quality.exposure.mean, 150.0);
}

}  // namespace
}  // namespace anpr::diag
