#include "uplink/passage_json.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "capture/image_decode.hpp"
#include "sample_passage.hpp"

namespace anpr::uplink {
namespace {

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

TEST(PassageJsonTest, CropKeptUnderItsCap) {
    auto passage = sample_passage();
    cv::randu(passage.best_crop, 0, 255);  // noise: the worst case for JPEG
    const std::string crop = passage_json(passage, 3000).at("best_crop_jpeg");
    EXPECT_FALSE(crop.empty());
    EXPECT_LE(crop.size(), 4000u);  // base64 of at most 3000 bytes
}

TEST(PassageJsonTest, NoCropNoImage) {
    auto passage = sample_passage();
    passage.best_crop = cv::Mat();
    EXPECT_EQ(passage_json(passage).at("best_crop_jpeg"), "");
}

}  // namespace
}  // namespace anpr::uplink
