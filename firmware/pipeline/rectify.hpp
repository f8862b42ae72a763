#pragma once
/// Cuts a plate out of a frame and turns it upright.

#include <opencv2/core.hpp>
#include <vector>

namespace anpr::pipeline {

/// The region inside `quad` (tl, tr, br, bl in frame pixels) of `frame`,
/// warped upright to `height` pixels high, its width kept in proportion to
/// the quad's; the type (grey or colour) stays the frame's.
cv::Mat rectify(const cv::Mat& frame, const std::vector<cv::Point2f>& quad, int height);

}  // namespace anpr::pipeline
