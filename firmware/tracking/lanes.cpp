#include "tracking/lanes.hpp"

#include <opencv2/imgproc.hpp>

namespace anpr::tracking {

Lanes::Lanes(const config::LanesConfig& config) {
    for (std::size_t i = 0; i < config.names.size() && i < config.polygons.size(); ++i) {
        std::vector<cv::Point> outline;
        const auto& xy = config.polygons[i];
        for (std::size_t j = 0; j + 1 < xy.size(); j += 2) outline.emplace_back(xy[j], xy[j + 1]);
        lanes_.emplace_back(config.names[i], std::move(outline));
    }
}

std::optional<std::string> Lanes::lane_of(const cv::Rect& plate) const {
    if (lanes_.empty()) return std::string();
    const cv::Point2f foot(static_cast<float>(plate.x) + static_cast<float>(plate.width) / 2.f,
                           static_cast<float>(plate.y + plate.height));
    for (const auto& [name, outline] : lanes_) {
        if (cv::pointPolygonTest(outline, foot, false) >= 0) return name;
    }
    return std::nullopt;
}

}  // namespace anpr::tracking
