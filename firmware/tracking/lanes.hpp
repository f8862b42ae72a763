#pragma once
/// The lanes a camera sees (config [lanes]): which lane a plate is in, and
/// whether it is in any (the region of interest).

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/app_config.hpp"

namespace anpr::tracking {

class Lanes {
  public:
    /// The lanes of a checked config (names and polygons one to one).
    explicit Lanes(const config::LanesConfig& config);

    /// True when no lane is set: the whole picture counts, lanes are unnamed.
    bool none() const { return lanes_.empty(); }

    /// The lane whose outline holds the middle of the plate's lower edge
    /// (where it meets the road, whatever its height): the first such lane;
    /// "" with no lanes set; nothing when lanes are set and none holds it.
    std::optional<std::string> lane_of(const cv::Rect& plate) const;

  private:
    std::vector<std::pair<std::string, std::vector<cv::Point>>> lanes_;
};

}  // namespace anpr::tracking
