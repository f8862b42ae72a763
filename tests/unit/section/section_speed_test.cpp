#include "section/section_speed.hpp"

#include <gtest/gtest.h>

#include <random>

namespace anpr::section {
namespace {

using namespace std::chrono_literals;

const auto kStart = std::chrono::system_clock::time_point{} + 1'764'411'840'000ms;

SectionRead read(const std::string& id, const std::string& text,
                 std::chrono::system_clock::time_point time, std::optional<double> error_ms,
                 bool fit = true, std::optional<double> line_error_ms = 20.0) {
    return {id, text, time, error_ms, line_error_ms, fit};
}

std::chrono::microseconds skew(double ms) {
    return std::chrono::microseconds(static_cast<long>(ms * 1000.0));
}

// Two units 2.5 km apart, clocks good to 1 and 3 ms, lines crossed within
// 20 and 30 ms, each actually off by up to its bound: every true speed lies
// within the range given.
TEST(SectionSpeedTest, KnownSpeedsLieWithinTheStatedRange) {
    constexpr double kDistance = 2500.0;
    std::mt19937 random(11);
    std::uniform_real_distribution<double> off_a(-1.0 - 20.0, 1.0 + 20.0);
    std::uniform_real_distribution<double> off_b(-3.0 - 30.0, 3.0 + 30.0);
    std::vector<SectionRead> at_a;
    std::vector<SectionRead> at_b;
    std::vector<double> true_kmh;
    for (int car = 0; car < 200; ++car) {
        const double kmh = 30.0 + car * 0.8;  // 30 to 189 km/h
        true_kmh.push_back(kmh);
        const auto enter = kStart + std::chrono::seconds(car * 7);
        const auto travel = std::chrono::duration<double>(kDistance / (kmh / 3.6));
        const auto leave = enter + std::chrono::duration_cast<std::chrono::microseconds>(travel);
        const std::string plate = "CAR" + std::to_string(car);
        at_a.push_back(
            read("A/" + std::to_string(car), plate, enter + skew(off_a(random)), 1.0, true, 20.0));
        at_b.push_back(
            read("B/" + std::to_string(car), plate, leave + skew(off_b(random)), 3.0, true, 30.0));
    }
    const auto speeds = section_speeds(at_a, at_b, kDistance, 3600s);
    ASSERT_EQ(speeds.size(), true_kmh.size());
    for (std::size_t i = 0; i < speeds.size(); ++i) {
        ASSERT_TRUE(speeds[i].low_kmh && speeds[i].high_kmh);
        EXPECT_LE(*speeds[i].low_kmh, true_kmh[i]) << speeds[i].text;
        EXPECT_GE(*speeds[i].high_kmh, true_kmh[i]) << speeds[i].text;
        EXPECT_NEAR(speeds[i].kmh, true_kmh[i], 0.5) << speeds[i].text;
        EXPECT_TRUE(speeds[i].fit_for_enforcement);
    }
}

TEST(SectionSpeedTest, PairsWithTheNextLaterReadOnceWithinTheWindow) {
    const std::vector<SectionRead> at_a{read("A/1", "1ABC123", kStart, 1.0),
                                        read("A/2", "1ABC123", kStart + 2h, 1.0),
                                        read("A/3", "2XYZ999", kStart, 1.0)};
    const std::vector<SectionRead> at_b{read("B/1", "1ABC123", kStart - 1min, 1.0),
                                        read("B/2", "1ABC123", kStart + 90s, 1.0),
                                        read("B/3", "2XYZ999", kStart + 2h, 1.0)};
    const auto speeds = section_speeds(at_a, at_b, 2500.0, 3600s);
    ASSERT_EQ(speeds.size(), 1u);  // A/2 has no later B; 2XYZ999 took too long
    EXPECT_EQ(speeds[0].from_id, "A/1");
    EXPECT_EQ(speeds[0].to_id, "B/2");
    EXPECT_DOUBLE_EQ(speeds[0].seconds, 90.0);
    EXPECT_DOUBLE_EQ(speeds[0].kmh, 100.0);
}

TEST(SectionSpeedTest, AnUnsynchronisedOrUnfitClockGivesNoRangeOrNoFitness) {
    const auto unsynced = section_speeds({read("A/1", "P", kStart, std::nullopt, false)},
                                         {read("B/1", "P", kStart + 60s, 1.0)}, 1000.0, 3600s);
    ASSERT_EQ(unsynced.size(), 1u);
    EXPECT_FALSE(unsynced[0].low_kmh);
    EXPECT_FALSE(unsynced[0].fit_for_enforcement);
    const auto coarse = section_speeds({read("A/1", "P", kStart, 40.0, false)},
                                       {read("B/1", "P", kStart + 60ms, 40.0, false)}, 10.0, 3600s);
    ASSERT_EQ(coarse.size(), 1u);
    EXPECT_FALSE(coarse[0].high_kmh) << "80 ms of clock error over 60 ms: no upper bound";
}

TEST(SectionSpeedTest, AReadNotTimedAtItsLineGivesNoRangeAndIsNotFit) {
    const auto speeds =
        section_speeds({read("A/1", "P", kStart, 1.0, true, std::nullopt)},
                       {read("B/1", "P", kStart + 60s, 1.0, true, 20.0)}, 1000.0, 3600s);
    ASSERT_EQ(speeds.size(), 1u);
    EXPECT_DOUBLE_EQ(speeds[0].kmh, 60.0);
    EXPECT_FALSE(speeds[0].low_kmh);
    EXPECT_FALSE(speeds[0].high_kmh);
    EXPECT_FALSE(speeds[0].fit_for_enforcement);
}

TEST(SectionReadTest, TakesTheBestSightingAndTheClockFromARecord) {
    const auto record = nlohmann::json::parse(R"({"id":"unit-1/7","text":"1ABC123",
        "best":{"frame":3,"captured_utc":"2025-11-29T10:24:00.123Z","box":[1,2,3,4]},
        "time":{"source":"gps","error_ms":0.05,"fit_for_enforcement":true,"reference":"PPS"}})");
    const auto read = section_read(record);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->text, "1ABC123");
    EXPECT_EQ(read->time.time_since_epoch(), 1'764'411'840'123ms);
    EXPECT_DOUBLE_EQ(*read->clock_error_ms, 0.05);
    EXPECT_FALSE(read->line_error_ms);
    EXPECT_TRUE(read->fit_for_enforcement);
}

TEST(SectionReadTest, TakesTheTimingLineCrossingWhenTheRecordHasOne) {
    const auto record = nlohmann::json::parse(R"({"id":"unit-1/7","text":"1ABC123",
        "best":{"frame":3,"captured_utc":"2025-11-29T10:24:00.123Z","box":[1,2,3,4]},
        "line":{"row":360,"frames":[5,6],"captured_utc":"2025-11-29T10:24:00.187Z","error_ms":23},
        "time":{"source":"gps","error_ms":0.05,"fit_for_enforcement":true,"reference":"PPS"}})");
    const auto read = section_read(record);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->time.time_since_epoch(), 1'764'411'840'187ms);
    EXPECT_DOUBLE_EQ(*read->line_error_ms, 23.0);
}

TEST(SectionReadTest, AMalformedLineLeavesTheRecordOut) {
    const std::string start = R"({"id":"u/1","text":"A",
        "best":{"captured_utc":"2025-11-29T10:24:00.123Z"},"time":{},"line":)";
    for (const std::string line :
         {R"("x")", R"({})", R"({"captured_utc":"2025-11-29T10:24:00.187Z"})",
          R"({"captured_utc":"noon","error_ms":3})",
          R"({"captured_utc":"2025-11-29T10:24:00.187Z","error_ms":-3})"}) {
        EXPECT_FALSE(section_read(nlohmann::json::parse(start + line + "}"))) << line;
    }
}

TEST(SectionReadTest, RecordsWithoutTimeOrWithBadTimesAreLeftOut) {
    EXPECT_FALSE(section_read(nlohmann::json::parse(R"({"id":"u/1","text":"A"})")));
    EXPECT_FALSE(section_read(nlohmann::json::parse(
        R"({"id":"u/1","text":"A","best":{"captured_utc":"yesterday"},"time":{}})")));
    EXPECT_FALSE(section_read(nlohmann::json::parse("[1,2]")));
    EXPECT_FALSE(section_read(nlohmann::json::parse(
        R"({"id":"u/1","text":"A","best":{"captured_utc":"2026-13-40T25:61:00.000Z"},"time":{}})")));
}

// Seeded random values in every field: no crash, no exception.
TEST(SectionReadFuzzTest, RandomValuesInEveryFieldAreSafe) {
    std::mt19937 random(3);
    const std::vector<nlohmann::json> values{nullptr,
                                             1,
                                             -1.5,
                                             "x",
                                             "2026-11-29T10:24:00.123Z",
                                             "9999-99-99T99:99:99.999Z",
                                             nlohmann::json::array(),
                                             nlohmann::json::object(),
                                             true};
    for (int i = 0; i < 5000; ++i) {
        nlohmann::json record{{"id", values[random() % values.size()]},
                              {"text", values[random() % values.size()]},
                              {"best", {{"captured_utc", values[random() % values.size()]}}},
                              {"time",
                               {{"error_ms", values[random() % values.size()]},
                                {"fit_for_enforcement", values[random() % values.size()]}}}};
        if (random() % 4 == 0) record["best"] = values[random() % values.size()];
        if (random() % 2 == 0) {
            record["line"] = {{"captured_utc", values[random() % values.size()]},
                              {"error_ms", values[random() % values.size()]}};
        }
        if (random() % 8 == 0) record["line"] = values[random() % values.size()];
        (void)section_read(record);
    }
}

}  // namespace
}  // namespace anpr::section
