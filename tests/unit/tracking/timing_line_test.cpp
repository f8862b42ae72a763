#include "tracking/timing_line.hpp"

#include <gtest/gtest.h>

#include "plate_read.hpp"
#include "tracking/tracker.hpp"

namespace anpr::tracking {
namespace {

using namespace std::chrono_literals;

const auto kStart = std::chrono::steady_clock::time_point{} + 1h;
const auto kStartUtc = std::chrono::system_clock::time_point{} + 1'764'411'840'000ms;

/// A sighting in frame `index` (25 frames per second) of a plate 20 px high
/// whose centre is on `centre_row`.
Sighting sighting(std::uint64_t index, int centre_row) {
    const auto offset = 40ms * static_cast<int>(index);
    return {index,
            {kStart + offset, kStartUtc + offset},
            testing::plate_read("1ABC123", 0.9f, {100, centre_row - 10, 90, 20}),
            ""};
}

double ms_after_start(const LineCrossing& crossing) {
    return std::chrono::duration<double, std::milli>(crossing.time.utc - kStartUtc).count();
}

TEST(TimingLineTest, InterpolatesBetweenTheSightingsEitherSide) {
    const auto crossing =
        line_crossing({sighting(0, 250), sighting(1, 280), sighting(2, 300)}, 285);
    ASSERT_TRUE(crossing);
    EXPECT_EQ(crossing->row, 285);
    EXPECT_EQ(crossing->frame_before, 1u);
    EXPECT_EQ(crossing->frame_after, 2u);
    EXPECT_NEAR(ms_after_start(*crossing), 50.0, 0.01);  // a quarter of the way from 40 to 80
    const std::chrono::duration<double, std::milli> monotonic = crossing->time.monotonic - kStart;
    EXPECT_NEAR(monotonic.count(), 50.0, 0.01);
    EXPECT_NEAR(crossing->error_s, 0.030, 1e-9) << "the longer part of the 40 ms";
}

TEST(TimingLineTest, ARecedingPlateCrossesGoingUp) {
    const auto crossing =
        line_crossing({sighting(4, 400), sighting(5, 330), sighting(6, 270)}, 300);
    ASSERT_TRUE(crossing);
    EXPECT_EQ(crossing->frame_before, 5u);
    EXPECT_NEAR(ms_after_start(*crossing), 220.0, 0.01);
    EXPECT_NEAR(crossing->error_s, 0.020, 1e-9);
}

TEST(TimingLineTest, MissedFramesWidenTheBound) {
    const auto crossing = line_crossing({sighting(0, 200), sighting(4, 360)}, 280);
    ASSERT_TRUE(crossing);
    EXPECT_NEAR(ms_after_start(*crossing), 80.0, 0.01);
    EXPECT_NEAR(crossing->error_s, 0.080, 1e-9);
}

TEST(TimingLineTest, ASightingOnTheLineIsTheCrossing) {
    const auto crossing =
        line_crossing({sighting(0, 260), sighting(1, 280), sighting(2, 300)}, 280);
    ASSERT_TRUE(crossing);
    EXPECT_EQ(crossing->frame_after, 1u);
    EXPECT_NEAR(ms_after_start(*crossing), 40.0, 0.01);
    EXPECT_NEAR(crossing->error_s, 0.040, 1e-9);
}

TEST(TimingLineTest, APlateReadOnOneSideOnlyHasNoCrossing) {
    EXPECT_FALSE(line_crossing({sighting(0, 200), sighting(1, 230), sighting(2, 260)}, 300));
    EXPECT_FALSE(line_crossing({sighting(0, 300)}, 300));
    EXPECT_FALSE(line_crossing({}, 300));
}

TEST(TimingLineTest, APlateStandingOnTheLineGivesItsFirstCrossing) {
    const auto crossing = line_crossing(
        {sighting(0, 290), sighting(1, 302), sighting(2, 298), sighting(3, 301)}, 300);
    ASSERT_TRUE(crossing);
    EXPECT_EQ(crossing->frame_before, 0u);
    EXPECT_EQ(crossing->frame_after, 1u);
}

TEST(TimingLineTest, TheTrackerTimesPassagesAtTheConfiguredShareOfTheFrame) {
    config::TrackingConfig config;
    config.timing_line = 0.5f;  // row 240 of a 480-row frame
    Tracker tracker(config, plates::PlatesConfig{});
    for (std::uint64_t i = 0; i < 8; ++i) {
        core::Frame frame;
        frame.image = cv::Mat(480, 640, CV_8UC3, cv::Scalar(80, 80, 80));
        frame.source = "test";
        frame.index = i;
        frame.captured = {kStart + 40ms * static_cast<int>(i),
                          kStartUtc + 40ms * static_cast<int>(i)};
        const int centre = 150 + 30 * static_cast<int>(i);  // 240 after 3 frames
        EXPECT_TRUE(tracker
                        .add(frame, {testing::plate_read(
                                        "1ABC123", 0.9f,
                                        {200, centre - 10, 90 + 2 * static_cast<int>(i), 20})})
                        .empty());
    }
    const auto passages = tracker.finish();
    ASSERT_EQ(passages.size(), 1u);
    ASSERT_TRUE(passages[0].line);
    EXPECT_EQ(passages[0].line->row, 240);
    EXPECT_EQ(passages[0].line->frame_after, 3u);
    EXPECT_NEAR(ms_after_start(*passages[0].line), 120.0, 0.01);
}

}  // namespace
}  // namespace anpr::tracking
