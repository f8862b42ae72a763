#include "uplink/read_record.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "evidence/record_chain.hpp"
#include "evidence/signing_key.hpp"
#include "receiver/schema_registry.hpp"
#include "sample_passage.hpp"

namespace anpr::uplink {
namespace {

RecordOrigin sample_origin() {
    RecordOrigin origin;
    origin.unit.id = "unit-0042";
    origin.unit.site = "e40-km12";
    origin.unit.latitude = 50.8466123456789;
    origin.unit.longitude = 4.3528;
    origin.firmware = "0.1.0";
    origin.detector_model = "plate_detector@0123456789ab";
    origin.reader_model = "tesseract-5.3.0+plate_reader@ba9876543210";
    origin.crop_max_bytes = 8192;
    return origin;
}

const auto kProduced =
    std::chrono::system_clock::time_point{std::chrono::milliseconds(1'764'411'840'123)};

RecordMoment sample_moment() {
    timekeeping::ClockQuality clock;
    clock.source = timekeeping::ClockQuality::Source::gps;
    clock.error_ms = 0.0506;
    clock.fit_for_enforcement = true;
    clock.reference = "PPS";
    return {kProduced, clock, {{"lat", 50.8466123}, {"lon", 4.3528}, {"source", "config"}}};
}

/// The record as the unit stores it: built, then signed with a fresh key.
nlohmann::json record_json(const tracking::Passage& passage, RecordKind kind = RecordKind::passage,
                           std::uint64_t seq = 17) {
    const auto fields = read_record(sample_origin(), passage, kind, seq, sample_moment());
    static const auto key = evidence::SigningKey::generate();
    const auto signed_record = evidence::sign_record(fields, std::string(64, '0'), key.value());
    EXPECT_TRUE(signed_record.ok()) << signed_record.error().message;
    return nlohmann::json::parse(signed_record.value().text);
}

TEST(ReadRecordTest, SaysWhoWhereWhenWhatAndWithWhich) {
    const auto json = record_json(sample_passage());
    EXPECT_EQ(json.at("schema"), "anpr.read/2");
    EXPECT_EQ(json.at("id"), "unit-0042/17");
    EXPECT_EQ(json.at("seq"), 17);
    EXPECT_EQ(json.at("unit"), "unit-0042");
    EXPECT_EQ(json.at("site"), "e40-km12");
    EXPECT_EQ(json.at("kind"), "passage");
    EXPECT_EQ(json.at("text"), "1ABC123");
    EXPECT_EQ(json.at("display"), "1-ABC-123");
    EXPECT_EQ(json.at("direction"), "approaching");
    EXPECT_EQ(json.at("lane"), "2");
    EXPECT_EQ(json.at("best").at("captured_utc"), "1970-01-01T00:00:01.500Z");
    EXPECT_DOUBLE_EQ(json.at("position").at("lat").get<double>(), 50.8466123);
    EXPECT_EQ(json.at("position").at("source"), "config");
    EXPECT_EQ(json.at("produced_utc"), "2025-11-29T10:24:00.123Z");
    EXPECT_EQ(json.at("time").at("source"), "gps");
    EXPECT_DOUBLE_EQ(json.at("time").at("error_ms").get<double>(), 0.051);
    EXPECT_EQ(json.at("time").at("fit_for_enforcement"), true);
    EXPECT_EQ(json.at("crop_sha256").get<std::string>().size(), 64u);
    EXPECT_EQ(json.at("signature").get<std::string>().size(), 88u);
    EXPECT_EQ(json.at("firmware"), "0.1.0");
    EXPECT_EQ(json.at("models").at("reader"), "tesseract-5.3.0+plate_reader@ba9876543210");
    EXPECT_FALSE(json.at("best_crop_jpeg").get<std::string>().empty());
}

TEST(ReadRecordTest, MeetsItsPublishedSchema) {
    auto schemas = receiver::SchemaRegistry::load("docs");
    ASSERT_TRUE(schemas.ok()) << schemas.error().message;
    auto still = sample_passage();
    still.direction = tracking::Direction::unknown;
    still.lane = "";
    still.country = "";
    still.best_crop = cv::Mat();
    for (const auto& json :
         {record_json(sample_passage()), record_json(still, RecordKind::still)}) {
        const auto valid = schemas.value().validate(json);
        EXPECT_TRUE(valid.ok()) << valid.error().message << "\n" << json.dump(2);
    }
}

TEST(ReadRecordTest, CarriesTheTimingLineCrossingWithItsBound) {
    auto passage = sample_passage();
    EXPECT_FALSE(record_json(passage).contains("line")) << "not read on both sides of the line";
    tracking::LineCrossing line;
    line.row = 360;
    line.frame_before = 8;
    line.frame_after = 9;
    line.time.utc = std::chrono::system_clock::time_point{std::chrono::microseconds(1'623'400)};
    line.error_s = 0.0231;
    passage.line = line;
    const auto json = record_json(passage);
    EXPECT_EQ(json.at("line").at("row"), 360);
    EXPECT_EQ(json.at("line").at("frames"), nlohmann::json::array({8, 9}));
    EXPECT_EQ(json.at("line").at("captured_utc"), "1970-01-01T00:00:01.623Z");
    EXPECT_EQ(json.at("line").at("error_ms"), 25) << "23.1 ms rounded up, plus the dropped 0.4 ms";
    auto schemas = receiver::SchemaRegistry::load("docs");
    ASSERT_TRUE(schemas.ok()) << schemas.error().message;
    const auto valid = schemas.value().validate(json);
    EXPECT_TRUE(valid.ok()) << valid.error().message;
}

TEST(ReadRecordTest, CropStaysUnderTheSchemasCap) {
    auto passage = sample_passage();
    passage.best_crop = cv::Mat(400, 1200, CV_8UC3);
    cv::randu(passage.best_crop, 0, 255);
    const auto json = record_json(passage);
    const auto crop = json.at("best_crop_jpeg").get<std::string>();
    EXPECT_FALSE(crop.empty());
    EXPECT_LE(crop.size(), 4 * 8192 / 3 + 4);
}

}  // namespace
}  // namespace anpr::uplink
