#pragma once
/// Whether anything moved since the last frame: reading is skipped on empty
/// road. Frames are compared small (160 px wide, grey): sensor noise averages
/// out, while a car, even far away, changes a few dozen of those pixels.

#include <opencv2/core.hpp>

namespace anpr::pipeline {

class MotionGate {
  public:
    /// True when `bgr` differs from the frame before by more than noise, and
    /// for the first frame; false for a still picture.
    bool moved(const cv::Mat& bgr);

  private:
    cv::Mat last_;
};

}  // namespace anpr::pipeline
