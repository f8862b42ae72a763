#pragma once
/// Two-line plates (motorcycles, square plates of imported cars) for the
/// one-line readers: the two rows of text cut apart and set side by side,
/// top row first, as the plate is read aloud.

#include <opencv2/core.hpp>
#include <optional>

#include "core/types.hpp"

namespace anpr::ocr {

/// The rows of the upright grey plate crop `gray` (at most
/// core::kMaxTwoLineAspect times as wide as high) side by side, each scaled
/// to half the crop's height, when `gray` holds two rows of dark characters
/// one above the other; nothing for a one-line plate or no text.
std::optional<cv::Mat> two_rows_as_one(const cv::Mat& gray);

}  // namespace anpr::ocr
