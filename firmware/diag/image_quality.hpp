#pragma once
/// What one frame tells about the camera's focus and exposure, for the
/// self-test (selftest.hpp): measures cheap enough to take on a few frames a
/// second while the unit reads, and independent of the scene's brightness, so
/// that a dark but sharp picture is not called blurred.

#include <array>
#include <cstddef>
#include <opencv2/core.hpp>
#include <vector>

namespace anpr::diag {

/// How blurred the edges in a region are: the sigma, in px, of the Gaussian
/// blur that would turn sharp edges into them; smaller is sharper, infinity
/// for a region without edges. Measured as the ratio of the Laplacian's
/// energy to the gradient's, which for an edge blurred by sigma is
/// 1 / (sqrt(2) sigma) whatever its contrast, so that gain and offset (a dark
/// picture) do not change it. The region is first smoothed by 1 px, which the
/// figure then leaves out: sensor noise added after the blur would otherwise
/// pass for sharp detail. A focused camera gives under 1 px (the rendered
/// clips 0.3 px); detail finer than the blur (the strokes of small
/// characters) makes it read a little low, about 2.5 px for a blur of 3.5.
double edge_blur_px(const cv::Mat& gray);

/// Edge blur of the frame's most detailed parts: the tenth (at least four)
/// of its 32x32 tiles with the most gradient energy, where the scene has
/// edges. The stand-in for plate regions when no plate was read: flat road
/// and sky hold only noise.
double scene_edge_blur_px(const cv::Mat& gray);

/// Grey-level statistics of a whole frame.
struct Exposure {
    double mean = 0;            ///< mean luminance, 0..255
    double dark_clipped = 0;    ///< share of pixels <= 5: crushed to black
    double bright_clipped = 0;  ///< share of pixels >= 250: burnt to white
    /// Luminance percentiles 1, 5, 50, 95 and 99 (kPercentiles).
    std::array<double, 5> percentiles{};
};
inline constexpr std::array<int, 5> kPercentiles{1, 5, 50, 95, 99};

Exposure exposure(const cv::Mat& gray);

/// One frame's measures.
struct FrameQuality {
    std::vector<double> plate_blur_px;  ///< edge blur of each plate region big enough to measure
    double scene_blur_px = 0;           ///< edge blur of the frame's most detailed parts
    Exposure exposure;
};

/// Measures an 8-bit BGR or grey frame; `plates` are read plates' boxes in
/// frame pixels (each measured grown by a tenth of its height, to take in the
/// plate's own border).
FrameQuality measure_frame(const cv::Mat& image, const std::vector<cv::Rect>& plates);

}  // namespace anpr::diag
