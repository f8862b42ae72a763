#include "localize/classic_localizer.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "localize/character_blobs.hpp"

namespace anpr::localize {
namespace {

core::Frame frame_of(cv::Mat image) {
    core::Frame frame;
    frame.image = std::move(image);
    frame.source = "test";
    return frame;
}

/// Dark text on a light plate in the middle of a grey scene.
cv::Mat synthetic_plate_scene(const std::string& text, cv::Rect* plate_box) {
    cv::Mat scene(480, 640, CV_8UC3, cv::Scalar(90, 90, 90));
    const cv::Rect plate(220, 250, 200, 44);
    cv::rectangle(scene, plate, cv::Scalar(235, 235, 235), cv::FILLED);
    cv::putText(scene, text, {232, 284}, cv::FONT_HERSHEY_DUPLEX, 1.1, cv::Scalar(20, 20, 20), 2);
    *plate_box = plate;
    return scene;
}

TEST(LocalizerTest, FindsTheTextRowOfASyntheticPlate) {
    cv::Rect plate;
    const auto scene = synthetic_plate_scene("1ABC123", &plate);
    auto candidates = localize_classic(frame_of(scene), config::LocalizeConfig{});
    ASSERT_TRUE(candidates.ok());
    ASSERT_FALSE(candidates.value().empty());
    const auto& best = candidates.value().front();
    const double overlap = (best.box & plate).area() / static_cast<double>(plate.area());
    EXPECT_GT(overlap, 0.6) << "best box " << best.box;
    EXPECT_EQ(best.quad.size(), 4u);
}

TEST(LocalizerTest, FindsThePlateOnARenderedFrame) {
    // images/fr_01.expect.json: the plate's box is [229, 369, 192, 51].
    const cv::Rect truth(229, 369, 192, 51);
    auto candidates =
        localize_classic(frame_of(cv::imread("images/fr_01.jpg")), config::LocalizeConfig{});
    ASSERT_TRUE(candidates.ok());
    const bool found =
        std::any_of(candidates.value().begin(), candidates.value().end(),
                    [&](const auto& c) { return (c.box & truth).area() > 0.5 * truth.area(); });
    EXPECT_TRUE(found);
}

TEST(LocalizerTest, EmptyRoadGivesNoCandidate) {
    const cv::Mat flat(480, 640, CV_8UC3, cv::Scalar(100, 100, 100));
    auto candidates = localize_classic(frame_of(flat), config::LocalizeConfig{});
    ASSERT_TRUE(candidates.ok());
    EXPECT_TRUE(candidates.value().empty());
}

TEST(LocalizerTest, EmptyFrameIsAnError) {
    auto candidates = localize_classic(frame_of(cv::Mat()), config::LocalizeConfig{});
    ASSERT_FALSE(candidates.ok());
    EXPECT_NE(candidates.error().message.find("empty frame"), std::string::npos);
}

TEST(LocalizerTest, KeepsAtMostMaxCandidates) {
    cv::Mat page(600, 800, CV_8UC3, cv::Scalar(240, 240, 240));
    for (int row = 0; row < 8; ++row) {
        cv::putText(page, "AB12CD", {40 + (row % 2) * 380, 60 + row * 70}, cv::FONT_HERSHEY_DUPLEX,
                    1.0, cv::Scalar(10, 10, 10), 2);
    }
    config::LocalizeConfig config;
    config.max_candidates = 3;
    auto candidates = localize_classic(frame_of(page), config);
    ASSERT_TRUE(candidates.ok());
    EXPECT_EQ(candidates.value().size(), 3u);
}

/// Whether one of `blobs` spans `box` within 3 px on each side.
bool has_blob_like(const std::vector<cv::Rect>& blobs, const cv::Rect& box) {
    return std::any_of(blobs.begin(), blobs.end(), [&](const cv::Rect& b) {
        return std::abs(b.x - box.x) <= 3 && std::abs(b.y - box.y) <= 3 &&
               std::abs(b.br().x - box.br().x) <= 3 && std::abs(b.br().y - box.br().y) <= 3;
    });
}

TEST(CharacterBlobsTest, KeepsAGlyphWiderThanHigh) {
    // A 'W' of the plate fonts, 1.2 times as wide as high: a zigzag stroke.
    cv::Mat gray(120, 160, CV_8UC1, cv::Scalar(235));
    const std::vector<cv::Point> w{{40, 40}, {52, 80}, {64, 50}, {76, 80}, {88, 40}};
    cv::polylines(gray, w, false, cv::Scalar(20), 7);
    const cv::Rect glyph = cv::boundingRect(w) + cv::Size(7, 7) - cv::Point(3, 3);
    ASSERT_GT(glyph.width, 1.1 * glyph.height);
    EXPECT_TRUE(has_blob_like(find_character_blobs(gray, 20, 80), glyph));
}

TEST(CharacterBlobsTest, TwoTouchingGlyphsStayTwo) {
    // Two '0's joined by a lighter smear: MSER also sees them as one region,
    // 1.2 times as wide as high, which is a pair, not a glyph.
    cv::Mat gray(120, 160, CV_8UC1, cv::Scalar(235));
    const cv::Rect left(40, 40, 22, 40);
    const cv::Rect right(66, 40, 22, 40);
    cv::rectangle(gray, cv::Rect(60, 55, 8, 10), cv::Scalar(150), cv::FILLED);
    // A 6 px stroke drawn 3 px inside each glyph's outline.
    const auto inset = [](const cv::Rect& r) { return r - cv::Size(6, 6) + cv::Point(3, 3); };
    cv::rectangle(gray, inset(left), cv::Scalar(20), 6);
    cv::rectangle(gray, inset(right), cv::Scalar(20), 6);
    const auto blobs = find_character_blobs(gray, 20, 80);
    EXPECT_TRUE(has_blob_like(blobs, left));
    EXPECT_TRUE(has_blob_like(blobs, right));
    EXPECT_FALSE(has_blob_like(blobs, left | right));
}

TEST(CharacterRowsTest, SeparatesStackedRows) {
    std::vector<cv::Rect> blobs;
    for (int i = 0; i < 5; ++i) {
        blobs.emplace_back(10 + i * 14, 10, 10, 20);
        blobs.emplace_back(10 + i * 14, 60, 10, 20);
    }
    const auto rows = group_rows(blobs, 4);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].characters.size(), 5u);
    EXPECT_EQ(rows[1].characters.size(), 5u);
}

TEST(CharacterRowsTest, MergesNestedBoxesOfOneCharacter) {
    std::vector<cv::Rect> blobs;
    for (int i = 0; i < 5; ++i) {
        blobs.emplace_back(10 + i * 14, 10, 10, 20);
        blobs.emplace_back(11 + i * 14, 12, 7, 17);  // the same glyph at another threshold
    }
    const auto rows = group_rows(blobs, 4);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].characters.size(), 5u);
    EXPECT_NEAR(rows[0].angle_deg, 0.f, 1.f);
}

TEST(CharacterRowsTest, FollowsATiltedRow) {
    std::vector<cv::Rect> blobs;
    for (int i = 0; i < 6; ++i) blobs.emplace_back(10 + i * 14, 40 + i * 2, 10, 20);
    const auto rows = group_rows(blobs, 4);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NEAR(rows[0].angle_deg, std::atan2(2.0, 14.0) * 180.0 / CV_PI, 1.0);
}

}  // namespace
}  // namespace anpr::localize
