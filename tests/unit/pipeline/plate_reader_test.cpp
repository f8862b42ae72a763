#include "pipeline/plate_reader.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

namespace anpr::pipeline {
namespace {

core::Frame load(const std::string& path) {
    core::Frame frame;
    frame.image = cv::imread(path);
    frame.source = path;
    return frame;
}

TEST(PlateReaderTest, ReadsARenderedFrenchPlate) {
    auto reader = PlateReader::create(config::AppConfig{});
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    auto reads = reader.value().read(load("images/fr_01.jpg"));
    ASSERT_TRUE(reads.ok()) << reads.error().message;
    ASSERT_FALSE(reads.value().empty());
    const auto& best = reads.value().front();
    EXPECT_EQ(best.text, "FY211ZP");
    EXPECT_EQ(best.country, "FR");
    EXPECT_EQ(best.display, "FY-211-ZP");
    EXPECT_GT(best.confidence, 0.f);
    ASSERT_FALSE(best.candidates.empty());
    EXPECT_EQ(best.candidates.front().text, best.text);
    EXPECT_FLOAT_EQ(best.candidates.front().confidence, best.confidence);
}

TEST(PlateReaderTest, ReportsNothingBelowMinConfidence) {
    config::AppConfig config;
    config.ocr.min_confidence = 1.0f;
    auto reader = PlateReader::create(config);
    ASSERT_TRUE(reader.ok());
    auto reads = reader.value().read(load("images/fr_01.jpg"));
    ASSERT_TRUE(reads.ok());
    EXPECT_TRUE(reads.value().empty());
}

TEST(PlateReaderTest, EmptyFrameIsAnError) {
    auto reader = PlateReader::create(config::AppConfig{});
    ASSERT_TRUE(reader.ok());
    core::Frame empty;
    empty.source = "nothing.jpg";
    auto reads = reader.value().read(empty);
    ASSERT_FALSE(reads.ok());
    EXPECT_NE(reads.error().message.find("nothing.jpg"), std::string::npos);
}

}  // namespace
}  // namespace anpr::pipeline

namespace anpr::pipeline {
namespace {

TEST(PlateReaderTest, AccountsTimeToEachStage) {
    auto reader = PlateReader::create(config::AppConfig{});
    ASSERT_TRUE(reader.ok());
    StageTimes times;
    auto reads = reader.value().read(load("images/fr_01.jpg"), &times);
    ASSERT_TRUE(reads.ok());
    EXPECT_GT(times.localize_ms, 0);
    EXPECT_GT(times.read_ms, 0);
    EXPECT_GT(times.formats_ms, 0);
    ASSERT_GE(times.region_read_ms.size(), 1u);
    double regions_ms = 0;
    for (const double ms : times.region_read_ms) {
        EXPECT_GT(ms, 0);
        regions_ms += ms;
    }
    EXPECT_LE(regions_ms, times.read_ms);
}

}  // namespace
}  // namespace anpr::pipeline
