#include "diag/image_quality.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <utility>

namespace anpr::diag {
namespace {

constexpr int kTile = 32;
constexpr double kDetailedTileShare = 0.1;
constexpr std::size_t kMinDetailedTiles = 4;
// Smaller plate regions hold too few edge pixels for a stable figure.
constexpr int kMinRegionSide = 8;
constexpr int kDarkClip = 5;
constexpr int kBrightClip = 250;

// Smoothing before measuring: takes out pixel noise, costs sharp edges
// little (it is subtracted again, as blurs add in squares).
constexpr double kSmoothingPx = 1.0;

/// Per pixel of `gray` smoothed by kSmoothingPx, the Laplacian's square and
/// the gradient's squared magnitude (central differences, in grey levels per
/// pixel), 1 px border left out since its neighbours are made up.
std::pair<cv::Mat, cv::Mat> edge_energies(const cv::Mat& gray) {
    cv::Mat grey;
    gray.convertTo(grey, CV_32F);
    cv::GaussianBlur(grey, grey, cv::Size(0, 0), kSmoothingPx, kSmoothingPx, cv::BORDER_REPLICATE);
    cv::Mat laplacian, dx, dy;
    cv::Laplacian(grey, laplacian, CV_32F, 1, 1.0, 0.0, cv::BORDER_REPLICATE);
    cv::Sobel(grey, dx, CV_32F, 1, 0, 1, 0.5, 0.0, cv::BORDER_REPLICATE);
    cv::Sobel(grey, dy, CV_32F, 0, 1, 1, 0.5, 0.0, cv::BORDER_REPLICATE);
    const cv::Rect inner(1, 1, gray.cols - 2, gray.rows - 2);
    cv::Mat laplacian_energy = laplacian(inner).mul(laplacian(inner));
    cv::Mat gradient_energy = dx(inner).mul(dx(inner)) + dy(inner).mul(dy(inner));
    return {laplacian_energy, gradient_energy};
}

/// The blur sigma the energies stand for: 1 / (2 ratio^2) is the square of
/// the edges' blur, the smoothing included.
double blur_from(double laplacian_energy, double gradient_energy) {
    if (laplacian_energy <= 0 || gradient_energy <= 0) return INFINITY;
    const double squared = gradient_energy / (2.0 * laplacian_energy);
    return std::sqrt(std::max(0.0, squared - kSmoothingPx * kSmoothingPx));
}

cv::Mat to_gray(const cv::Mat& image) {
    if (image.channels() == 1) return image;
    cv::Mat gray;
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    return gray;
}

}  // namespace

double edge_blur_px(const cv::Mat& gray) {
    if (gray.empty() || gray.cols < 3 || gray.rows < 3) return INFINITY;
    const auto [laplacian, gradient] = edge_energies(gray);
    return blur_from(cv::sum(laplacian)[0], cv::sum(gradient)[0]);
}

double scene_edge_blur_px(const cv::Mat& gray) {
    if (gray.cols < kTile + 2 || gray.rows < kTile + 2) return edge_blur_px(gray);
    const auto [laplacian, gradient] = edge_energies(gray);
    struct Tile {
        double gradient = 0;
        double laplacian = 0;
    };
    std::vector<Tile> tiles;
    for (int y = 0; y + kTile <= gradient.rows; y += kTile) {
        for (int x = 0; x + kTile <= gradient.cols; x += kTile) {
            const cv::Rect tile(x, y, kTile, kTile);
            tiles.push_back({cv::sum(gradient(tile))[0], cv::sum(laplacian(tile))[0]});
        }
    }
    const std::size_t keep = std::min(
        tiles.size(),
        std::max(kMinDetailedTiles, static_cast<std::size_t>(std::ceil(
                                        kDetailedTileShare * static_cast<double>(tiles.size())))));
    std::partial_sort(tiles.begin(), tiles.begin() + static_cast<std::ptrdiff_t>(keep), tiles.end(),
                      [](const Tile& a, const Tile& b) { return a.gradient > b.gradient; });
    double gradient_sum = 0, laplacian_sum = 0;
    for (std::size_t i = 0; i < keep; ++i) {
        gradient_sum += tiles[i].gradient;
        laplacian_sum += tiles[i].laplacian;
    }
    return blur_from(laplacian_sum, gradient_sum);
}

Exposure exposure(const cv::Mat& gray) {
    Exposure out;
    if (gray.empty()) return out;
    cv::Mat histogram;
    const int channels[] = {0};
    const int bins[] = {256};
    const float range[] = {0, 256};
    const float* ranges[] = {range};
    cv::calcHist(&gray, 1, channels, cv::Mat(), histogram, 1, bins, ranges);
    const double total = static_cast<double>(gray.total());
    double cumulative = 0, weighted = 0, dark = 0, bright = 0;
    std::size_t next = 0;
    for (int level = 0; level < 256; ++level) {
        const double count = histogram.at<float>(level);
        cumulative += count;
        weighted += count * level;
        if (level <= kDarkClip) dark += count;
        if (level >= kBrightClip) bright += count;
        while (next < kPercentiles.size() && cumulative >= kPercentiles[next] / 100.0 * total) {
            out.percentiles[next++] = level;
        }
    }
    out.mean = weighted / total;
    out.dark_clipped = dark / total;
    out.bright_clipped = bright / total;
    return out;
}

FrameQuality measure_frame(const cv::Mat& image, const std::vector<cv::Rect>& plates) {
    FrameQuality quality;
    const cv::Mat gray = to_gray(image);
    const cv::Rect frame(0, 0, gray.cols, gray.rows);
    for (const auto& box : plates) {
        const int margin = std::max(1, box.height / 10);
        const cv::Rect region = cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin,
                                         box.height + 2 * margin) &
                                frame;
        if (region.width < kMinRegionSide || region.height < kMinRegionSide) continue;
        quality.plate_blur_px.push_back(edge_blur_px(gray(region)));
    }
    quality.scene_blur_px = scene_edge_blur_px(gray);
    quality.exposure = exposure(gray);
    return quality;
}

}  // namespace anpr::diag
