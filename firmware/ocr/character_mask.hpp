#pragma once
/// Prepares a plate crop for a line reader: keeps the characters, drops the
/// rest (border, EU band, screws, dirt) that a reader would turn into noise.

#include <opencv2/core.hpp>

namespace anpr::ocr {

/// Black characters on white, with a white margin, from an upright grey plate
/// crop whose text row fills about `text_fraction` of its height. Only dark
/// characters on a lighter ground count: every plate format the unit reads is
/// printed so, while burnt-in timestamps and many signs are light on dark.
/// Empty when no character-like shapes are found.
cv::Mat character_mask(const cv::Mat& plate, double text_fraction);

}  // namespace anpr::ocr
