#include "tracking/tracker.hpp"

#include <gtest/gtest.h>

#include "plate_read.hpp"

namespace anpr::tracking {
namespace {

using namespace std::chrono_literals;

const auto kStart = std::chrono::steady_clock::time_point{} + 1h;
constexpr auto kFrameStep = 40ms;  // 25 frames per second

core::Frame frame_at(std::uint64_t index) {
    core::Frame frame;
    frame.image = cv::Mat(480, 640, CV_8UC3, cv::Scalar(80, 80, 80));
    frame.source = "test";
    frame.index = index;
    frame.captured.monotonic = kStart + kFrameStep * static_cast<int>(index);
    frame.captured.utc =
        std::chrono::system_clock::time_point{} + kFrameStep * static_cast<int>(index);
    return frame;
}

core::PlateRead read_at(const std::string& text, cv::Rect box, float confidence = 0.8f) {
    return testing::plate_read(text, confidence, box);
}

/// A plate coming towards the camera: moving down and growing each frame.
cv::Rect approaching(int x, int step) {
    return {x - 2 * step, 100 + 20 * step, 100 + 4 * step, 22 + step};
}

/// Feeds `reads_per_frame` (frame i gets element i) and then finishes.
std::vector<Passage> run(Tracker& tracker,
                         const std::vector<std::vector<core::PlateRead>>& frames) {
    std::vector<Passage> passages;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        for (auto& p : tracker.add(frame_at(i), frames[i])) passages.push_back(std::move(p));
    }
    for (auto& p : tracker.finish()) passages.push_back(std::move(p));
    return passages;
}

Tracker default_tracker() { return Tracker(config::TrackingConfig{}, plates::PlatesConfig{}); }

TEST(TrackerTest, OnePlateAcrossFramesIsOnePassage) {
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 0; i < 10; ++i) {
        frames.push_back({read_at("1ABC123", approaching(300, i), i == 6 ? 0.95f : 0.8f)});
    }
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    const auto& p = passages.front();
    EXPECT_EQ(p.text, "1ABC123");
    EXPECT_EQ(p.country, "BE");
    EXPECT_EQ(p.frames_read, 10);
    EXPECT_EQ(p.first.frame, 0u);
    EXPECT_EQ(p.last.frame, 9u);
    EXPECT_EQ(p.best.frame, 6u);
    EXPECT_EQ(p.direction, Direction::approaching);
    EXPECT_EQ(p.source, "test");
    EXPECT_FALSE(p.best_crop.empty());
    EXPECT_GE(p.best_crop.cols, approaching(300, 6).width);
}

TEST(TrackerTest, TheVoteMendsMisreadFrames) {
    auto tracker = default_tracker();
    const std::vector<std::string> seen{"1ABC123", "1A8C123", "1ABC123", "1ABG123",
                                        "IABC123", "1ABC123", "1ABC128"};
    std::vector<std::vector<core::PlateRead>> frames;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        frames.push_back({read_at(seen[i], approaching(300, static_cast<int>(i)))});
    }
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    EXPECT_EQ(passages.front().text, "1ABC123");
}

TEST(TrackerTest, APartReadAndAGapDoNotSplitThePassage) {
    // Frame 5 reads only the left half of the plate (a narrower box, its
    // centre shifted), frames 7-10 read nothing; the plate moved on meanwhile.
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames(16);
    for (int i = 0; i < 16; ++i) {
        if (i >= 7 && i <= 10) continue;
        cv::Rect box = approaching(300, i);
        if (i == 5) {
            frames[i].push_back(read_at("1ABC", {box.x, box.y, box.width / 2, box.height}, 0.45f));
        } else {
            frames[i].push_back(read_at("1ABC123", box));
        }
    }
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    EXPECT_EQ(passages.front().text, "1ABC123");
    EXPECT_EQ(passages.front().frames_read, 12);
}

TEST(TrackerTest, AFarPlatesFirstReadsJoinItsTrack) {
    // Far away the plate is read as anything; nearer, each read is close to
    // the one before, and the last ones are right.
    auto tracker = default_tracker();
    const std::vector<std::string> seen{"A6PTW",  "O6OTN",  "M6TM",   "A68PAT", "A68PTH",
                                        "R68PTH", "B68PTH", "R68PTH", "R68PTH", "R68PTH"};
    std::vector<std::vector<core::PlateRead>> frames;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        frames.push_back(
            {read_at(seen[i], approaching(300, static_cast<int>(i)), i < 5 ? 0.6f : 0.9f)});
    }
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    EXPECT_EQ(passages.front().text, "R68PTH");
}

TEST(TrackerTest, TwoVehiclesSideBySideAreTwoPassages) {
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 0; i < 8; ++i) {
        frames.push_back(
            {read_at("1ABC123", approaching(150, i)), read_at("2XYZ789", approaching(450, i))});
    }
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 2u);
    EXPECT_NE(passages[0].text, passages[1].text);
    EXPECT_EQ(passages[0].frames_read, 8);
    EXPECT_EQ(passages[1].frames_read, 8);
}

TEST(TrackerTest, OneBehindTheOtherAreTwoPassages) {
    // The second car enters at the top of the lane while the first is near
    // the bottom; then it drives down the same path.
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames(16);
    for (int i = 0; i < 10; ++i) frames[i].push_back(read_at("1ABC123", approaching(300, i)));
    for (int i = 6; i < 16; ++i) frames[i].push_back(read_at("1ABD124", approaching(300, i - 6)));
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 2u);
    EXPECT_EQ(passages[0].text, "1ABC123");
    EXPECT_EQ(passages[1].text, "1ABD124");
}

TEST(TrackerTest, AVehicleStoppedInFrontStaysOnePassage) {
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 0; i < 100; ++i) frames.push_back({read_at("1ABC123", {300, 300, 150, 33})});
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    EXPECT_EQ(passages.front().frames_read, 100);
    EXPECT_EQ(passages.front().direction, Direction::unknown);
}

TEST(TrackerTest, ARecedingPlateShrinksAndRises) {
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 9; i >= 0; --i) frames.push_back({read_at("1ABC123", approaching(300, i))});
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    EXPECT_EQ(passages.front().direction, Direction::receding);
}

TEST(TrackerTest, APassageEndsWhenItsPlateIsGoneLongEnough) {
    config::TrackingConfig config;
    config.max_gap_s = 0.2f;  // 5 frames
    Tracker tracker(config, plates::PlatesConfig{});
    for (std::uint64_t i = 0; i < 4; ++i) {
        EXPECT_TRUE(tracker.add(frame_at(i), {read_at("1ABC123", approaching(300, 0))}).empty());
    }
    for (std::uint64_t i = 4; i < 8; ++i) EXPECT_TRUE(tracker.add(frame_at(i), {}).empty());
    const auto ended = tracker.add(frame_at(9), {});  // 0.24 s after the last read
    ASSERT_EQ(ended.size(), 1u);
    EXPECT_EQ(ended.front().frames_read, 4);
    EXPECT_EQ(tracker.open_tracks(), 0u);
}

TEST(TrackerTest, ASingleFrameIsNoPassage) {
    auto tracker = default_tracker();
    const auto passages = run(tracker, {{read_at("ZONE30", {10, 10, 80, 20})}, {}, {}});
    EXPECT_TRUE(passages.empty());
}

TEST(TrackerTest, AVeryDifferentTextStartsAnotherTrack) {
    // Same place, next frame, but another plate altogether (a cut in the video).
    auto tracker = default_tracker();
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 0; i < 3; ++i) frames.push_back({read_at("1ABC123", {300, 300, 150, 33})});
    for (int i = 0; i < 3; ++i) frames.push_back({read_at("ZZ99XX", {300, 300, 150, 33})});
    EXPECT_EQ(run(tracker, frames).size(), 2u);
}

TEST(TrackerTest, APlateHalfOutOfThePictureStaysOnItsTrack) {
    config::TrackingConfig config;
    config.max_text_edits = 1;
    Tracker tracker(config, plates::PlatesConfig{});
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 0; i < 6; ++i) frames.push_back({read_at("2GSQ507", approaching(300, i), 0.9f)});
    // Its left part has left the picture: four characters read, surely.
    for (int i = 6; i < 9; ++i) frames.push_back({read_at("Q507", approaching(300, i), 0.9f)});
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 1u);
    EXPECT_EQ(passages.front().frames_read, 9);
    EXPECT_EQ(passages.front().text, "2GSQ507");
}

TEST(TrackerTest, PassagesNameTheirLaneAndReadsOutsideTheLanesAreLeftOut) {
    config::LanesConfig lanes;
    lanes.names = {"1", "2"};
    lanes.polygons = {{0, 90, 320, 90, 320, 480, 0, 480}, {320, 90, 640, 90, 640, 480, 320, 480}};
    Tracker tracker(config::TrackingConfig{}, plates::PlatesConfig{}, lanes);
    std::vector<std::vector<core::PlateRead>> frames;
    for (int i = 0; i < 8; ++i) {
        frames.push_back({read_at("1ABC123", approaching(150, i)),
                          read_at("2XYZ789", approaching(450, i)),
                          read_at("ZONE30", {500, 20, 80, 20})});  // a sign above the road
    }
    const auto passages = run(tracker, frames);
    ASSERT_EQ(passages.size(), 2u);
    for (const auto& p : passages) EXPECT_EQ(p.lane, p.text == "1ABC123" ? "1" : "2");
}

TEST(TrackerTest, DirectionsHaveNames) {
    EXPECT_EQ(direction_name(Direction::approaching), "approaching");
    EXPECT_EQ(direction_name(Direction::receding), "receding");
    EXPECT_EQ(direction_name(Direction::unknown), "unknown");
}

}  // namespace
}  // namespace anpr::tracking
