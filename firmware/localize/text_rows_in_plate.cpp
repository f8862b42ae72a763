#include "localize/text_rows_in_plate.hpp"

#include <algorithm>

#include "localize/classic_localizer.hpp"

namespace anpr::localize {
namespace {

// The region searched: the plate's box grown by these shares of its width
// (each side) and height (above and below).
constexpr double kGrowWidth = 0.25;
constexpr double kGrowHeight = 0.5;
constexpr int kMaxRows = 2;
// The characters' height, as a share of the plate box's: EU characters fill
// about 0.68 of a plate's height, US ones about 0.45; the box may be a little
// short of the plate. (Searching all heights the config allows cost 6 ms more
// per 1080p frame, docs/benchmarks.md.)
constexpr double kMinCharacterShare = 0.3;
constexpr double kMaxCharacterShare = 1.2;

}  // namespace

std::vector<core::PlateCandidate> text_rows_in_plate(const core::Frame& frame,
                                                     const core::PlateCandidate& plate,
                                                     const config::LocalizeConfig& config) {
    const cv::Rect& box = plate.box;
    const int dx = static_cast<int>(box.width * kGrowWidth);
    const int dy = static_cast<int>(box.height * kGrowHeight);
    const cv::Rect region =
        cv::Rect(box.x - dx, box.y - dy, box.width + 2 * dx, box.height + 2 * dy) &
        cv::Rect(0, 0, frame.image.cols, frame.image.rows);
    if (region.empty()) return {};
    core::Frame part;
    part.image = frame.image(region);
    part.source = frame.source;
    config::LocalizeConfig rows_config = config;
    rows_config.max_candidates = kMaxRows;
    const double height = box.height;
    auto rows = localize_classic(part, rows_config,
                                 {kMinCharacterShare * height, kMaxCharacterShare * height});
    if (!rows) return {};
    const cv::Point2f offset(static_cast<float>(region.x), static_cast<float>(region.y));
    for (auto& row : rows.value()) {
        for (auto& corner : row.quad) corner += offset;
        row.box += region.tl();
        // Two localizers agree: their beliefs combine as independent evidence.
        row.score = 1.f - (1.f - plate.score) * (1.f - row.score);
    }
    return std::move(rows).value();
}

}  // namespace anpr::localize
