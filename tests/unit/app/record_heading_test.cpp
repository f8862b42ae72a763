// unit.heading in the read record: position.camera_heading_deg, as the
// published schema allows it.
#include <gtest/gtest.h>

#include "evidence/record_chain.hpp"
#include "evidence/signing_key.hpp"
#include "receiver/schema_registry.hpp"
#include "uplink/read_record.hpp"

namespace anpr::app {
namespace {

/// The signed record of a still read by a unit whose camera looks `heading`.
nlohmann::json record_with_heading(double heading) {
    uplink::RecordOrigin origin;
    origin.unit.id = "unit-0042";
    origin.unit.site = "e40-km12";
    origin.unit.heading = heading;
    origin.firmware = "0.1.0";
    origin.detector_model = "classic";
    origin.reader_model = "tesseract-5.3.0";
    tracking::Passage passage;
    passage.text = "1ABC123";
    passage.display = "1-ABC-123";
    passage.confidence = 0.9f;
    passage.candidates = {{"1ABC123", 0.9f}};
    passage.frames_read = 1;
    const uplink::RecordMoment moment{std::chrono::system_clock::time_point{},
                                      {},
                                      {{"lat", 50.85}, {"lon", 4.35}, {"source", "config"}}};
    const auto fields = uplink::read_record(origin, passage, uplink::RecordKind::still, 1, moment);
    static const auto key = evidence::SigningKey::generate();
    const auto signed_record = evidence::sign_record(fields, std::string(64, '0'), key.value());
    EXPECT_TRUE(signed_record.ok()) << signed_record.error().message;
    return nlohmann::json::parse(signed_record.value().text);
}

TEST(RecordHeadingTest, KnownHeadingIsInThePosition) {
    const auto record = record_with_heading(271.5);
    EXPECT_DOUBLE_EQ(record.at("position").at("camera_heading_deg").get<double>(), 271.5);
    auto schemas = receiver::SchemaRegistry::load("docs");
    ASSERT_TRUE(schemas.ok()) << schemas.error().message;
    const auto valid = schemas.value().validate(record);
    EXPECT_TRUE(valid.ok()) << valid.error().message << "\n" << record.dump(2);
}

TEST(RecordHeadingTest, UnknownHeadingIsLeftOut) {
    EXPECT_FALSE(record_with_heading(-1).at("position").contains("camera_heading_deg"));
    EXPECT_TRUE(record_with_heading(0).at("position").contains("camera_heading_deg"));
}

}  // namespace
}  // namespace anpr::app
