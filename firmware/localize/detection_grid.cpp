#include "localize/detection_grid.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/geometry.hpp"

namespace anpr::localize {
namespace {

// Two plates whose boxes share this much of the smaller one are one plate.
constexpr double kOverlapToSuppress = 0.5;
// Predicted corners are trusted when their quad is convex and its area is
// within these bounds of the predicted box's; else the box stands in.
constexpr double kMinQuadShare = 0.3;
constexpr double kMaxQuadShare = 1.5;
// The quad the readers get is the plate's outline grown by these shares of its
// width (each side) and height (top and bottom): a corner set a little inside
// the plate would cut its first or last character, a margin costs nothing
// (the readers are trained on whole plates with margins).
constexpr float kMarginOfWidth = 0.05f;
constexpr float kMarginOfHeight = 0.1f;

class GridView {
  public:
    explicit GridView(const cv::Mat& grid)
        : data_(grid.ptr<float>()), rows_(grid.size[2]), cols_(grid.size[3]) {}
    int rows() const { return rows_; }
    int cols() const { return cols_; }
    float at(int channel, int y, int x) const {
        return data_[(static_cast<std::size_t>(channel) * rows_ + y) * cols_ + x];
    }
    bool is_peak(int y, int x) const {
        const float score = at(kScore, y, x);
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                const int ny = y + dy, nx = x + dx;
                if ((dy || dx) && ny >= 0 && ny < rows_ && nx >= 0 && nx < cols_ &&
                    at(kScore, ny, nx) > score) {
                    return false;
                }
            }
        }
        return true;
    }

  private:
    const float* data_;
    int rows_, cols_;
};

std::vector<cv::Point2f> box_corners(const cv::Rect2f& box) {
    return {box.tl(), {box.x + box.width, box.y}, box.br(), {box.x, box.y + box.height}};
}

/// `quad` (tl, tr, br, bl) grown along its own axes by the margins.
std::vector<cv::Point2f> with_margin(const std::vector<cv::Point2f>& quad) {
    const cv::Point2f across =
        ((quad[1] - quad[0]) + (quad[2] - quad[3])) * (0.5f * kMarginOfWidth);
    const cv::Point2f down = ((quad[3] - quad[0]) + (quad[2] - quad[1])) * (0.5f * kMarginOfHeight);
    return {quad[0] - across - down, quad[1] + across - down, quad[2] + across + down,
            quad[3] - across + down};
}

/// The plate whose centre the cell (x, y) holds, in frame pixels.
core::PlateCandidate candidate_at(const GridView& grid, int y, int x, double scale) {
    const auto to_frame = static_cast<float>(kGridStride / scale);
    const cv::Point2f centre((static_cast<float>(x) + grid.at(kOffsetX, y, x)) * to_frame,
                             (static_cast<float>(y) + grid.at(kOffsetY, y, x)) * to_frame);
    const float width = std::max(grid.at(kWidth, y, x), 0.f) * to_frame;
    const float height = std::max(grid.at(kHeight, y, x), 0.f) * to_frame;
    const cv::Rect2f box(centre.x - width / 2, centre.y - height / 2, width, height);
    std::vector<cv::Point2f> corners;
    for (int k = 0; k < 4; ++k) {
        corners.emplace_back(centre.x + grid.at(kCorners + 2 * k, y, x) * to_frame,
                             centre.y + grid.at(kCorners + 2 * k + 1, y, x) * to_frame);
    }
    const double quad_area = cv::contourArea(corners);
    const double box_area = static_cast<double>(box.area());
    const bool corners_sane = cv::isContourConvex(corners) && box_area > 0 &&
                              quad_area >= kMinQuadShare * box_area &&
                              quad_area <= kMaxQuadShare * box_area;
    core::PlateCandidate candidate;
    candidate.box = cv::Rect(box);
    candidate.quad = with_margin(corners_sane ? corners : box_corners(box));
    candidate.score = grid.at(kScore, y, x);
    return candidate;
}

}  // namespace

std::vector<core::PlateCandidate> decode_detection_grid(const cv::Mat& grid, double scale,
                                                        cv::Size frame_size,
                                                        const config::LocalizeConfig& config) {
    CV_Assert(grid.dims == 4 && grid.size[0] == 1 && grid.size[1] == kGridChannels &&
              grid.type() == CV_32F && grid.isContinuous() && scale > 0);
    const GridView view(grid);
    std::vector<core::PlateCandidate> peaks;
    for (int y = 0; y < view.rows(); ++y) {
        for (int x = 0; x < view.cols(); ++x) {
            if (view.at(kScore, y, x) >= config.min_score && view.is_peak(y, x)) {
                peaks.push_back(candidate_at(view, y, x, scale));
            }
        }
    }
    std::stable_sort(peaks.begin(), peaks.end(),
                     [](const auto& a, const auto& b) { return a.score > b.score; });
    const cv::Rect frame(cv::Point(0, 0), frame_size);
    std::vector<core::PlateCandidate> plates;
    for (auto& peak : peaks) {
        if (static_cast<int>(plates.size()) >= config.max_candidates) break;
        peak.box &= frame;
        if (peak.box.width < config.min_plate_width || peak.box.width > config.max_plate_width) {
            continue;
        }
        const bool duplicate = std::any_of(plates.begin(), plates.end(), [&](const auto& kept) {
            return core::overlap_of_smaller(kept.box, peak.box) > kOverlapToSuppress;
        });
        if (!duplicate) plates.push_back(std::move(peak));
    }
    return plates;
}

}  // namespace anpr::localize
