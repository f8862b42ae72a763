#pragma once
/// The colour of a plate's ground, from an upright colour crop of it.

#include <opencv2/core.hpp>

#include "plates/plates.hpp"

namespace anpr::pipeline {

/// White or yellow when the crop's light pixels (the ground, not the ink)
/// clearly are; unknown for grey input, tinted light or colours no plate has.
plates::PlateGround plate_ground(const cv::Mat& plate_bgr);

}  // namespace anpr::pipeline
