#include "pipeline/plate_ground.hpp"

#include <opencv2/imgproc.hpp>

namespace anpr::pipeline {
namespace {

// OpenCV hue runs 0..180: yellow sits around 30, orange-yellow plates near 22.
constexpr double kYellowHueMin = 15;
constexpr double kYellowHueMax = 40;
constexpr double kYellowMinSaturation = 90;
// White plates under daylight, shade or sodium light stay weakly saturated.
constexpr double kWhiteMaxSaturation = 55;

}  // namespace

plates::PlateGround plate_ground(const cv::Mat& plate_bgr) {
    if (plate_bgr.empty() || plate_bgr.type() != CV_8UC3) return plates::PlateGround::unknown;
    cv::Mat gray;
    cv::Mat ground;
    cv::cvtColor(plate_bgr, gray, cv::COLOR_BGR2GRAY);
    cv::threshold(gray, ground, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::Mat hsv;
    cv::cvtColor(plate_bgr, hsv, cv::COLOR_BGR2HSV);
    const cv::Scalar mean = cv::mean(hsv, ground);
    const double hue = mean[0];
    const double saturation = mean[1];
    if (saturation >= kYellowMinSaturation && hue >= kYellowHueMin && hue <= kYellowHueMax) {
        return plates::PlateGround::yellow;
    }
    if (saturation <= kWhiteMaxSaturation) return plates::PlateGround::white;
    return plates::PlateGround::unknown;
}

}  // namespace anpr::pipeline
