#pragma once
/// How much two boxes overlap.

#include <algorithm>
#include <opencv2/core/types.hpp>

namespace anpr::core {

/// Intersection over union, 0..1; 0 when both boxes are empty.
inline double iou(const cv::Rect& a, const cv::Rect& b) {
    const double inter = (a & b).area();
    const double uni = a.area() + b.area() - inter;
    return uni <= 0 ? 0 : inter / uni;
}

/// The share of the smaller box that lies inside the other, 0..1: 1 for a
/// box nested in another, whatever their sizes.
inline double overlap_of_smaller(const cv::Rect& a, const cv::Rect& b) {
    const double smaller = std::min(a.area(), b.area());
    return smaller <= 0 ? 0 : (a & b).area() / smaller;
}

}  // namespace anpr::core
