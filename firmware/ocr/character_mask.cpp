#include "ocr/character_mask.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace anpr::ocr {
namespace {

// A character's height relative to the expected text height: broken strokes
// and blur shrink it, merged neighbours and borders grow it.
constexpr double kMinHeight = 0.55;
constexpr double kMaxHeight = 1.35;
// One glyph is at most this wide for its height. Blur merges neighbouring
// glyphs into one shape a few heights wide, which the reader still reads;
// such a shape must be filled no more than a run of glyphs is, unlike the
// solid shapes (stickers, shadows) of that size.
constexpr double kMaxGlyphAspect = 1.2;
constexpr double kMaxMergedAspect = 3.5;
constexpr double kMaxMergedFill = 0.72;
// Only narrow glyphs ('1', 'I') are nearly solid; a wider solid block is the
// EU band, a sticker or a shadow.
constexpr double kMaxSolidAspect = 0.4;
constexpr double kMaxGlyphFill = 0.8;
// Above and below the text row, beyond this share of the text height, lie
// the plate's border and frame: cut away so that a glyph touching them survives.
constexpr double kBandSlack = 0.12;
constexpr int kMargin = 12;
constexpr double kMaxInkShare = 0.6;

struct Components {
    cv::Mat labels;
    std::vector<int> kept;
    cv::Rect extent;  ///< around the kept components
};

/// Connected components of `binary` (foreground 255) shaped like characters.
Components character_components(const cv::Mat& binary, double text_height) {
    Components result;
    cv::Mat stats;
    cv::Mat centroids;
    const int count =
        cv::connectedComponentsWithStats(binary, result.labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < count; ++i) {
        const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                           stats.at<int>(i, cv::CC_STAT_WIDTH),
                           stats.at<int>(i, cv::CC_STAT_HEIGHT));
        const bool touches_edge =
            box.y == 0 || box.x == 0 || box.br().y >= binary.rows || box.br().x >= binary.cols;
        const double relative = box.height / text_height;
        const double fill = stats.at<int>(i, cv::CC_STAT_AREA) / static_cast<double>(box.area());
        const bool glyph = box.width <= kMaxGlyphAspect * box.height &&
                           (fill <= kMaxGlyphFill || box.width <= kMaxSolidAspect * box.height);
        const bool merged_glyphs =
            box.width <= kMaxMergedAspect * box.height && fill <= kMaxMergedFill;
        if (!touches_edge && relative >= kMinHeight && relative <= kMaxHeight &&
            (glyph || merged_glyphs)) {
            result.kept.push_back(i);
            result.extent |= box;
        }
    }
    return result;
}

cv::Mat render(const Components& components, cv::Size size) {
    cv::Mat out(size.height + 2 * kMargin, size.width + 2 * kMargin, CV_8UC1, cv::Scalar(255));
    cv::Mat inner = out(cv::Rect(kMargin, kMargin, size.width, size.height));
    for (int label : components.kept) inner.setTo(0, components.labels == label);
    return out;
}

}  // namespace

cv::Mat character_mask(const cv::Mat& plate, double text_fraction) {
    CV_Assert(plate.type() == CV_8UC1);
    cv::Mat dark_text;
    cv::threshold(plate, dark_text, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    const double band_top = plate.rows * ((1 - text_fraction) / 2 - kBandSlack * text_fraction);
    const double band_bottom = plate.rows * ((1 + text_fraction) / 2 + kBandSlack * text_fraction);
    dark_text.rowRange(0, std::max(0, static_cast<int>(band_top))).setTo(0);
    dark_text.rowRange(std::min(plate.rows, static_cast<int>(band_bottom) + 1), plate.rows)
        .setTo(0);
    const auto characters = character_components(dark_text, plate.rows * text_fraction);
    if (characters.kept.empty()) return {};
    // Between and around dark characters the ground is light; where the dark
    // side dominates the text's own box, it is the ground and the text is light.
    const cv::Mat text_box = dark_text(characters.extent);
    if (cv::countNonZero(text_box) > kMaxInkShare * static_cast<double>(text_box.total()))
        return {};
    return render(characters, plate.size());
}

}  // namespace anpr::ocr
