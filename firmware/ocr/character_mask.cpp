#include "ocr/character_mask.hpp"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace anpr::ocr {
namespace {

// A character's height relative to the expected text height: broken strokes
// and blur shrink it, merged neighbours and borders grow it.
constexpr double kMinHeight = 0.55;
constexpr double kMaxHeight = 1.35;
constexpr double kMaxAspect = 1.2;
constexpr int kMargin = 12;
constexpr double kMaxInkShare = 0.5;

struct Components {
    cv::Mat labels;
    std::vector<int> kept;
};

/// Connected components of `binary` (foreground 255) shaped like characters.
Components character_components(const cv::Mat& binary, double text_height) {
    Components result;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(binary, result.labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < count; ++i) {
        const int top = stats.at<int>(i, cv::CC_STAT_TOP);
        const int width = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const bool touches_edge = top == 0 || top + height >= binary.rows;
        const double relative = height / text_height;
        if (!touches_edge && relative >= kMinHeight && relative <= kMaxHeight &&
            width <= kMaxAspect * height) {
            result.kept.push_back(i);
        }
    }
    return result;
}

cv::Mat render(const Components& components, cv::Size size) {
    cv::Mat out(size.height + 2 * kMargin, size.width + 2 * kMargin, CV_8UC1, cv::Scalar(255));
    cv::Mat inner = out(cv::Rect(kMargin, kMargin, size.width, size.height));
    for (int label : components.kept) inner.setTo(0, components.labels == label);
    return out;
}

}  // namespace

cv::Mat character_mask(const cv::Mat& plate, double text_fraction) {
    CV_Assert(plate.type() == CV_8UC1);
    cv::Mat dark_text;
    cv::threshold(plate, dark_text, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    // Characters cover a third of a plate at most; where the dark side is
    // the larger, it is the ground and the text is light.
    if (cv::countNonZero(dark_text) > kMaxInkShare * static_cast<double>(plate.total())) return {};
    const auto characters = character_components(dark_text, plate.rows * text_fraction);
    if (characters.kept.empty()) return {};
    return render(characters, plate.size());
}

}  // namespace anpr::ocr
