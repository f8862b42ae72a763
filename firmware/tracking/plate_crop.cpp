#include "tracking/plate_crop.hpp"

namespace anpr::tracking {
namespace {

// The crop keeps this share of the plate's size around it.
constexpr double kCropMargin = 0.15;

}  // namespace

cv::Mat plate_crop(const cv::Mat& image, const cv::Rect& box) {
    const int dx = static_cast<int>(box.width * kCropMargin);
    const int dy = static_cast<int>(box.height * kCropMargin);
    const cv::Rect crop =
        cv::Rect(box.x - dx, box.y - dy, box.width + 2 * dx, box.height + 2 * dy) &
        cv::Rect(0, 0, image.cols, image.rows);
    return crop.empty() ? cv::Mat() : image(crop).clone();
}

}  // namespace anpr::tracking
