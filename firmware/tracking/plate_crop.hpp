#pragma once
/// The plate cut out of its frame for the record: the evidence a person looks at.

#include <opencv2/core.hpp>

namespace anpr::tracking {

/// The plate at `box` with a margin of 15% of its size around it, clipped to
/// the image, as its own copy; empty when the box lies outside the image.
cv::Mat plate_crop(const cv::Mat& image, const cv::Rect& box);

}  // namespace anpr::tracking
