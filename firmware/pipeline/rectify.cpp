#include "pipeline/rectify.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace anpr::pipeline {

cv::Mat rectify(const cv::Mat& frame, const std::vector<cv::Point2f>& quad, int height) {
    CV_Assert(quad.size() == 4 && height > 0);
    const double quad_width = (cv::norm(quad[1] - quad[0]) + cv::norm(quad[2] - quad[3])) / 2;
    const double quad_height = (cv::norm(quad[3] - quad[0]) + cv::norm(quad[2] - quad[1])) / 2;
    const int width = std::max(
        1, static_cast<int>(std::lround(height * quad_width / std::max(1.0, quad_height))));
    const auto w = static_cast<float>(width);
    const auto h = static_cast<float>(height);
    const std::vector<cv::Point2f> target{{0, 0}, {w, 0}, {w, h}, {0, h}};
    cv::Mat upright;
    cv::warpPerspective(frame, upright, cv::getPerspectiveTransform(quad, target),
                        cv::Size(width, height), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    return upright;
}

}  // namespace anpr::pipeline
