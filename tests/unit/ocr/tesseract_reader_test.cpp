#include "ocr/tesseract_reader.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::ocr {
namespace {

std::string best_text(const plates::RawText& raw) {
    std::string text;
    for (const auto& slot : raw.slots) text += slot.choices.front().ch;
    return text;
}

TEST(TesseractReaderTest, ReadsPrintedPlateText) {
    auto reader = TesseractReader::create(config::OcrConfig{});
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    cv::Mat line(80, 360, CV_8UC1, cv::Scalar(255));
    cv::putText(line, "RK755AJ", {20, 58}, cv::FONT_HERSHEY_DUPLEX, 1.6, cv::Scalar(0), 3);
    const auto crop = plate_crop(line);
    ASSERT_TRUE(crop.has_value());
    auto raw = reader.value()->read(*crop);
    ASSERT_TRUE(raw.ok()) << raw.error().message;
    EXPECT_EQ(best_text(raw.value()), "RK755AJ");
    for (const auto& slot : raw.value().slots) {
        ASSERT_FALSE(slot.choices.empty());
        EXPECT_GT(slot.choices.front().confidence, 0.f);
        EXPECT_LE(slot.choices.front().confidence, 1.f);
    }
}

TEST(PlateCropTest, NoGlyphsNoCrop) {
    EXPECT_FALSE(plate_crop(cv::Mat(80, 360, CV_8UC1, cv::Scalar(255))).has_value());
    cv::Mat overlay(64, 280, CV_8UC1, cv::Scalar(30));  // light text on dark: a timestamp
    cv::putText(overlay, "2024", {30, 52}, cv::FONT_HERSHEY_DUPLEX, 1.4, cv::Scalar(250), 3);
    EXPECT_FALSE(plate_crop(overlay).has_value());
}

TEST(TesseractReaderTest, RejectsAColourMask) {
    auto reader = TesseractReader::create(config::OcrConfig{});
    ASSERT_TRUE(reader.ok());
    const cv::Mat colour(80, 360, CV_8UC3, cv::Scalar(255, 255, 255));
    EXPECT_FALSE(reader.value()->read(PlateCrop{colour, colour}).ok());
}

TEST(TesseractReaderTest, MissingLanguageIsAnErrorNamingIt) {
    config::OcrConfig config;
    config.language = "xx_no_such_language";
    auto reader = TesseractReader::create(config);
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.error().message.find("xx_no_such_language"), std::string::npos);
}

}  // namespace
}  // namespace anpr::ocr
