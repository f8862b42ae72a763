#include "capture/image_encode.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "capture/image_decode.hpp"

namespace anpr::capture {
namespace {

TEST(ImageEncodeTest, JpegDecodesBackToTheImage) {
    cv::Mat image(60, 200, CV_8UC3, cv::Scalar(230, 230, 230));
    cv::putText(image, "1ABC123", {10, 45}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(30, 30, 200),
                3);
    auto jpeg = encode_jpeg(image);
    ASSERT_TRUE(jpeg.ok()) << jpeg.error().message;
    ASSERT_GT(jpeg.value().size(), 100u);
    auto decoded = decode_image(jpeg.value());
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    ASSERT_EQ(decoded.value().size(), image.size());
    cv::Mat difference;
    cv::absdiff(decoded.value(), image, difference);
    EXPECT_LT(cv::mean(difference)[0], 6.0);
}

TEST(ImageEncodeTest, GreyAndCroppedImagesEncode) {
    const cv::Mat grey(40, 80, CV_8UC1, cv::Scalar(128));
    EXPECT_TRUE(encode_jpeg(grey).ok());
    const cv::Mat frame(100, 100, CV_8UC3, cv::Scalar(10, 20, 30));
    auto cropped = encode_jpeg(frame(cv::Rect(10, 10, 30, 20)));  // not continuous
    ASSERT_TRUE(cropped.ok());
    EXPECT_EQ(decode_image(cropped.value()).value().size(), cv::Size(30, 20));
}

TEST(ImageEncodeTest, EmptyOrFloatImagesAreRefused) {
    EXPECT_FALSE(encode_jpeg(cv::Mat()).ok());
    EXPECT_FALSE(encode_jpeg(cv::Mat(10, 10, CV_32FC3)).ok());
}

}  // namespace
}  // namespace anpr::capture
