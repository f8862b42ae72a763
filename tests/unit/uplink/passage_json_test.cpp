#include "uplink/passage_json.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "capture/image_decode.hpp"

namespace anpr::uplink {
namespace {

tracking::Passage sample_passage() {
    tracking::Passage p;
    p.source = "images/passages_a.mp4";
    p.text = "1ABC123";
    p.display = "1-ABC-123";
    p.country = "BE";
    p.confidence = 0.91234f;
    p.candidates = {{"1ABC123", 0.91234f}, {"1ABC128", 0.2f}};
    p.first.frame = 12;
    p.first.read.box = {100, 200, 90, 20};
    p.last.frame = 40;
    p.last.read.box = {80, 400, 200, 44};
    p.best = p.last;
    p.best.time.utc = std::chrono::system_clock::time_point{} + std::chrono::milliseconds(1500);
    p.best_crop = cv::Mat(50, 230, CV_8UC3, cv::Scalar(200, 200, 200));
    p.direction = tracking::Direction::approaching;
    p.lane = "2";
    p.frames_read = 27;
    return p;
}

TEST(PassageJsonTest, HoldsWhatPoliceNeed) {
    const auto json = passage_json(sample_passage());
    EXPECT_EQ(json.at("text"), "1ABC123");
    EXPECT_EQ(json.at("display"), "1-ABC-123");
    EXPECT_EQ(json.at("country"), "BE");
    EXPECT_DOUBLE_EQ(json.at("confidence").get<double>(), 0.912);
    EXPECT_EQ(json.at("candidates").size(), 2u);
    EXPECT_EQ(json.at("direction"), "approaching");
    EXPECT_EQ(json.at("lane"), "2");
    EXPECT_EQ(json.at("frames_read"), 27);
    EXPECT_EQ(json.at("first").at("frame"), 12);
    EXPECT_EQ(json.at("last").at("box"), nlohmann::ordered_json({80, 400, 200, 44}));
    EXPECT_EQ(json.at("best").at("captured_utc"), "1970-01-01T00:00:01.500Z");
    EXPECT_EQ(json.at("source"), "images/passages_a.mp4");
}

TEST(PassageJsonTest, BestCropIsABase64Jpeg) {
    const std::string crop = passage_json(sample_passage()).at("best_crop_jpeg");
    ASSERT_FALSE(crop.empty());
    std::vector<std::uint8_t> bytes(crop.size());
    const int size =
        EVP_DecodeBlock(bytes.data(), reinterpret_cast<const unsigned char*>(crop.data()),
                        static_cast<int>(crop.size()));
    ASSERT_GT(size, 0);
    bytes.resize(static_cast<std::size_t>(size));  // padding zeros after the JPEG are ignored
    auto image = capture::decode_image(bytes);
    ASSERT_TRUE(image.ok()) << image.error().message;
    EXPECT_EQ(image.value().size(), cv::Size(230, 50));
}

TEST(PassageJsonTest, NoCropNoImage) {
    auto passage = sample_passage();
    passage.best_crop = cv::Mat();
    EXPECT_EQ(passage_json(passage).at("best_crop_jpeg"), "");
}

TEST(PassageJsonTest, RecordNamesTheUnit) {
    config::UnitConfig unit;
    unit.id = "unit-0042";
    unit.site = "e40-km12";
    const auto record = passage_record_json(unit, sample_passage());
    EXPECT_EQ(record.at("unit"), "unit-0042");
    EXPECT_EQ(record.at("site"), "e40-km12");
    EXPECT_EQ(record.at("passage").at("text"), "1ABC123");
}

}  // namespace
}  // namespace anpr::uplink
