#pragma once
/// The plate detector's output grid (models/MODELS.md, "Plate detector")
/// read back into plate candidates in frame pixels.

#include <opencv2/core.hpp>
#include <vector>

#include "config/app_config.hpp"
#include "core/types.hpp"

namespace anpr::localize {

/// Channels of the grid, each [rows x cols] at kGridStride input pixels a cell.
enum GridChannel : int {
    kScore = 0,    ///< plate centre belief 0..1
    kOffsetX = 1,  ///< centre within its cell, in cells
    kOffsetY = 2,
    kWidth = 3,  ///< plate box size, in cells
    kHeight = 4,
    kCorners = 5,  ///< tl, tr, br, bl as (dx, dy) from the centre, in cells
    kGridChannels = 13,
};
inline constexpr int kGridStride = 4;

/// Plates in a [1, kGridChannels, rows, cols] float grid computed on a frame
/// of `frame_size` scaled by `scale` (input pixels per frame pixel), best
/// first: cells whose score reaches config.min_score and no neighbour's beats
/// it, overlapping ones suppressed, widths outside config's limits dropped,
/// at most config.max_candidates.
std::vector<core::PlateCandidate> decode_detection_grid(const cv::Mat& grid, double scale,
                                                        cv::Size frame_size,
                                                        const config::LocalizeConfig& config);

}  // namespace anpr::localize
