#pragma once
/// Character-like blobs and the text rows they form.

#include <opencv2/core.hpp>
#include <vector>

namespace anpr::localize {

/// A row of character-like blobs of similar height on one straight line.
struct TextRow {
    std::vector<cv::Rect> characters;  ///< left to right
    float angle_deg = 0.f;             ///< slope of the row's baseline
    float char_height = 0.f;           ///< median character height, px
};

/// Character-like blobs in a grey image: MSER regions whose size, aspect and
/// fill fit a plate character `min_height`..`max_height` pixels tall.
std::vector<cv::Rect> find_character_blobs(const cv::Mat& gray, int min_height, int max_height);

/// Groups blobs into rows of at least `min_characters`.
std::vector<TextRow> group_rows(std::vector<cv::Rect> blobs, int min_characters);

}  // namespace anpr::localize
