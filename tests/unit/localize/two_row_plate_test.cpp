#include "localize/two_row_plate.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <string>

#include "localize/classic_localizer.hpp"

namespace anpr::localize {
namespace {

constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
constexpr double kScale = 1.5;
constexpr int kThickness = 3;

/// A white plate on grey with `lines` of black text, each `line_step` px below the last.
core::Frame plate_frame(const std::vector<std::string>& lines, int line_step = 50,
                        double lower_scale = kScale) {
    core::Frame frame;
    frame.source = "test";
    frame.image = cv::Mat(360, 480, CV_8UC3, cv::Scalar(110, 110, 110));
    cv::rectangle(frame.image,
                  cv::Rect(140, 110, 200, 40 + line_step * static_cast<int>(lines.size())),
                  cv::Scalar(250, 250, 250), cv::FILLED);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const double scale = i == 0 ? kScale : lower_scale;
        int baseline = 0;
        const cv::Size size = cv::getTextSize(lines[i], kFont, scale, kThickness, &baseline);
        const cv::Point origin(240 - size.width / 2, 160 + line_step * static_cast<int>(i));
        cv::putText(frame.image, lines[i], origin, kFont, scale, cv::Scalar(20, 20, 20),
                    scale < kScale ? kThickness - 1 : kThickness);
    }
    return frame;
}

/// The frame's text rows of four characters or more, as the classic localizer finds them.
std::vector<core::PlateCandidate> rows_in(const core::Frame& frame) {
    auto rows = localize_classic(frame, config::LocalizeConfig{});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows.value() : std::vector<core::PlateCandidate>{};
}

TEST(TwoRowPlateTest, SecondLineBelowJoinsTheRow) {
    const auto frame = plate_frame({"AB123", "CD"});
    const auto rows = rows_in(frame);
    ASSERT_EQ(rows.size(), 1u);  // "CD" alone is no row of a plate
    const auto plate = two_row_plate(frame, rows.front());
    ASSERT_TRUE(plate.has_value());
    // The second line's glyphs end at y = 210; the row's box ends near 160.
    EXPECT_GT(plate->box.br().y, 210) << plate->box;
    EXPECT_EQ(plate->box.y, rows.front().box.y);
    EXPECT_FLOAT_EQ(plate->score, rows.front().score);
    EXPECT_TRUE(core::may_hold_two_rows(plate->quad));
}

TEST(TwoRowPlateTest, FirstLineAboveJoinsTheRow) {
    const auto frame = plate_frame({"XY", "12345"});
    const auto rows = rows_in(frame);
    ASSERT_EQ(rows.size(), 1u);
    const auto plate = two_row_plate(frame, rows.front());
    ASSERT_TRUE(plate.has_value());
    EXPECT_LT(plate->box.y, 130) << plate->box;  // "XY" starts near y = 139
    EXPECT_EQ(plate->box.br().y, rows.front().box.br().y);
}

TEST(TwoRowPlateTest, OneLinePlateStaysOneLine) {
    const auto frame = plate_frame({"AB123"});
    const auto rows = rows_in(frame);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_FALSE(two_row_plate(frame, rows.front()).has_value());
}

TEST(TwoRowPlateTest, SmallerTextBelowIsNotASecondLine) {
    // A dealer's name under the plate: 0.6 of the characters' height.
    const auto frame = plate_frame({"AB123", "GARAGE"}, 40, 0.6 * kScale);
    const auto rows = rows_in(frame);
    ASSERT_FALSE(rows.empty());
    EXPECT_FALSE(two_row_plate(frame, rows.front()).has_value());
}

TEST(TwoRowPlateTest, FarTextBelowIsNotASecondLine) {
    // Same height, but three character heights further down: another object.
    const auto frame = plate_frame({"AB123", "CD"}, 130);
    const auto rows = rows_in(frame);
    ASSERT_FALSE(rows.empty());
    EXPECT_FALSE(two_row_plate(frame, rows.front()).has_value());
}

}  // namespace
}  // namespace anpr::localize
