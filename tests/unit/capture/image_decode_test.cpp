#include "capture/image_decode.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>

namespace anpr::capture {
namespace {

std::vector<std::uint8_t> file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void expect_error(const std::vector<std::uint8_t>& bytes, const std::string& words) {
    const auto image = decode_image(bytes);
    ASSERT_FALSE(image.ok());
    EXPECT_NE(image.error().message.find(words), std::string::npos) << image.error().message;
}

TEST(ImageDecodeTest, JpegDecodesAsOpenCvDoes) {
    const auto bytes = file_bytes("images/fr_01.jpg");
    const auto image = decode_image(bytes);
    ASSERT_TRUE(image.ok()) << image.error().message;
    const cv::Mat expected = cv::imread("images/fr_01.jpg", cv::IMREAD_COLOR);
    ASSERT_EQ(image.value().size(), expected.size());
    EXPECT_EQ(image.value().type(), CV_8UC3);
    EXPECT_EQ(cv::norm(image.value(), expected, cv::NORM_INF), 0);
}

TEST(ImageDecodeTest, PngDecodesToBgr) {
    cv::Mat picture(40, 60, CV_8UC3, cv::Scalar(10, 120, 250));
    picture(cv::Rect(5, 5, 10, 10)).setTo(cv::Scalar(255, 0, 0));
    std::vector<std::uint8_t> png;
    ASSERT_TRUE(cv::imencode(".png", picture, png));
    const auto image = decode_image(png);
    ASSERT_TRUE(image.ok()) << image.error().message;
    EXPECT_EQ(cv::norm(image.value(), picture, cv::NORM_INF), 0);
    cv::Mat grey(30, 20, CV_8UC1, cv::Scalar(77));
    ASSERT_TRUE(cv::imencode(".png", grey, png));
    const auto from_grey = decode_image(png);
    ASSERT_TRUE(from_grey.ok()) << from_grey.error().message;
    EXPECT_EQ(from_grey.value().type(), CV_8UC3);
    EXPECT_EQ(from_grey.value().at<cv::Vec3b>(3, 3), cv::Vec3b(77, 77, 77));
}

TEST(ImageDecodeTest, BadBytesAreNamed) {
    expect_error({}, "empty");
    expect_error({'G', 'I', 'F', '8', '9', 'a'}, "not a JPEG or PNG image");
    auto jpeg = file_bytes("images/fr_01.jpg");
    jpeg.resize(200);  // the header is cut short
    expect_error(jpeg, "corrupt JPEG");
    std::vector<std::uint8_t> png;
    ASSERT_TRUE(cv::imencode(".png", cv::Mat(40, 60, CV_8UC3, cv::Scalar::all(9)), png));
    png.resize(30);
    expect_error(png, "corrupt PNG");
}

TEST(ImageDecodeTest, HugeDeclaredSizeIsRefused) {
    // A forged JPEG frame header (SOF0) claiming 60000 x 60000 pixels.
    auto jpeg = file_bytes("images/fr_01.jpg");
    const std::vector<std::uint8_t> sof{0xFF, 0xC0};
    const auto at = std::search(jpeg.begin(), jpeg.end(), sof.begin(), sof.end());
    ASSERT_NE(at, jpeg.end());
    const auto offset = static_cast<std::size_t>(at - jpeg.begin());
    for (std::size_t i : {offset + 5, offset + 7}) {  // height, width: big-endian 60000
        jpeg[i] = 0xEA;
        jpeg[i + 1] = 0x60;
    }
    expect_error(jpeg, "more than");
}

TEST(ImageDecodeTest, JpegCutShortKeepsWhatIsThere) {
    auto jpeg = file_bytes("images/fr_01.jpg");
    jpeg.resize(jpeg.size() * 2 / 3);
    const auto image = decode_image(jpeg);
    ASSERT_TRUE(image.ok()) << image.error().message;
    EXPECT_EQ(image.value().size(), cv::Size(800, 600));
}

}  // namespace
}  // namespace anpr::capture
