#include "pipeline/motion_gate.hpp"

#include <opencv2/imgproc.hpp>

namespace anpr::pipeline {
namespace {

constexpr int kSmallWidth = 160;
// A small pixel changed when its grey level moved by more than this (sensor
// noise, averaged over the 12x12 pixels of a 1080p frame each small one
// covers, stays under 1; a red car on grey asphalt differs by about 14)...
constexpr double kChange = 8;
// ...and something moved when at least this share of them changed (7 of a
// 160x90 frame: a far car moving by a sixtieth of the picture's height).
constexpr double kMovedShare = 0.0005;

}  // namespace

bool MotionGate::moved(const cv::Mat& bgr) {
    if (bgr.empty()) return true;
    cv::Mat grey = bgr;
    if (bgr.channels() == 3) cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    const double scale = static_cast<double>(kSmallWidth) / grey.cols;
    cv::Mat small;
    cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
    const bool first = last_.empty() || last_.size() != small.size();
    bool changed = true;
    if (!first) {
        cv::Mat difference;
        cv::absdiff(small, last_, difference);
        const double changed_pixels = cv::countNonZero(difference > kChange);
        changed = changed_pixels >= kMovedShare * static_cast<double>(small.total());
    }
    last_ = small;
    return changed;
}

}  // namespace anpr::pipeline
