#include "ocr/two_line.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::ocr {
namespace {

/// A white plate `size` with dark `rows` of text, each `char_height` px tall,
/// spread evenly from top to bottom.
cv::Mat plate_with_rows(cv::Size size, const std::vector<std::string>& rows, int char_height) {
    cv::Mat plate(size, CV_8UC1, cv::Scalar(235));
    cv::rectangle(plate, cv::Rect(2, 2, size.width - 4, size.height - 4), cv::Scalar(20), 2);
    const double scale = cv::getFontScaleFromHeight(cv::FONT_HERSHEY_SIMPLEX, char_height, 4);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        int baseline = 0;
        const auto text = cv::getTextSize(rows[i], cv::FONT_HERSHEY_SIMPLEX, scale, 4, &baseline);
        const int centre_y =
            size.height * static_cast<int>(2 * i + 1) / static_cast<int>(2 * rows.size());
        cv::putText(plate, rows[i], {(size.width - text.width) / 2, centre_y + char_height / 2},
                    cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(20), 4);
    }
    return plate;
}

TEST(TwoLineTest, TwoRowsAreSetSideBySide) {
    const auto plate = plate_with_rows({280, 200}, {"AB-123", "CD"}, 60);
    const auto line = two_rows_as_one(plate);
    ASSERT_TRUE(line.has_value());
    EXPECT_EQ(line->rows, 100);                       // each row at half the plate's height
    EXPECT_GT(line->cols, 2 * 280 * 100 / 200 - 20);  // both rows, each about as wide as the plate
    // The top row ("AB-123") comes first: the left half holds more ink than the right ("CD").
    cv::Mat ink;
    cv::threshold(*line, ink, 128, 255, cv::THRESH_BINARY_INV);
    const int half = line->cols / 2;
    EXPECT_GT(cv::countNonZero(ink.colRange(0, half)),
              cv::countNonZero(ink.colRange(half, line->cols)));
}

TEST(TwoLineTest, OneRowIsLeftAlone) {
    // An EU one-line plate, and a squarer US-style plate with one row of tall characters.
    EXPECT_FALSE(two_rows_as_one(plate_with_rows({520, 110}, {"1-ABC-123"}, 64)).has_value());
    EXPECT_FALSE(two_rows_as_one(plate_with_rows({240, 120}, {"7ABC123"}, 60)).has_value());
}

TEST(TwoLineTest, BlankOrOneSidedPlateIsLeftAlone) {
    EXPECT_FALSE(two_rows_as_one(cv::Mat(200, 280, CV_8UC1, cv::Scalar(235))).has_value());
    EXPECT_FALSE(two_rows_as_one(plate_with_rows({280, 200}, {"AB-123", ""}, 60)).has_value());
}

}  // namespace
}  // namespace anpr::ocr
