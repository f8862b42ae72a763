#include "uplink/read_json.hpp"

#include <gtest/gtest.h>

namespace anpr::uplink {
namespace {

core::PlateRead sample() {
    core::PlateRead plate;
    plate.text = "1ABC123";
    plate.display = "1-ABC-123";
    plate.country = "BE";
    plate.confidence = 0.9312f;
    plate.box = {10, 20, 130, 30};
    plate.candidates = {{"1ABC123", 0.9312f}, {"1ABC128", 0.41f}};
    return plate;
}

TEST(ReadJsonTest, PlateHasTheDocumentedFields) {
    const auto json = plate_json(sample());
    EXPECT_EQ(json["text"], "1ABC123");
    EXPECT_EQ(json["display"], "1-ABC-123");
    EXPECT_EQ(json["country"], "BE");
    EXPECT_DOUBLE_EQ(json["confidence"].get<double>(), 0.931);
    EXPECT_EQ(json["box"], nlohmann::json({10, 20, 130, 30}));
    ASSERT_EQ(json["candidates"].size(), 2u);
    EXPECT_EQ(json["candidates"][1]["text"], "1ABC128");
}

TEST(ReadJsonTest, PlateRoundTrips) {
    auto parsed = parse_plate_json(plate_json(sample()));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed.value().text, "1ABC123");
    EXPECT_EQ(parsed.value().box, cv::Rect(10, 20, 130, 30));
    EXPECT_EQ(parsed.value().candidates.size(), 2u);
}

TEST(ReadJsonTest, MalformedPlateIsAnError) {
    auto json = plate_json(sample());
    json.erase("box");
    EXPECT_FALSE(parse_plate_json(json).ok());
    json = plate_json(sample());
    json["text"] = 12;
    EXPECT_FALSE(parse_plate_json(json).ok());
}

TEST(ReadJsonTest, ImageLine) {
    const auto json = image_reads_json("images/be_01.jpg", 12.345, {sample()});
    EXPECT_EQ(json["image"], "images/be_01.jpg");
    EXPECT_DOUBLE_EQ(json["ms"].get<double>(), 12.3);
    EXPECT_EQ(json["plates"].size(), 1u);
}

TEST(ReadJsonTest, UtcTimeWithMilliseconds) {
    const std::chrono::system_clock::time_point t{std::chrono::milliseconds(1'764'411'840'123)};
    EXPECT_EQ(iso8601_utc(t), "2025-11-29T10:24:00.123Z");
}

}  // namespace
}  // namespace anpr::uplink
