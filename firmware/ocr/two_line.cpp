#include "ocr/two_line.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "core/types.hpp"

namespace anpr::ocr {
namespace {

// A character of one row of a two-line plate is this share of the crop's
// height tall (rendered and real plates: about 0.3).
constexpr double kMinRowCharHeight = 0.18;
constexpr double kMaxRowCharHeight = 0.45;
// Glyph-shaped: narrower than this many heights (joined pairs included).
constexpr double kMaxGlyphAspect = 1.5;
constexpr double kMinGlyphAspect = 0.1;
// Each row needs at least this many characters (NL "57" over "ZBF-8").
constexpr int kMinRowCharacters = 2;

struct Glyph {
    int top, bottom;
};

std::vector<Glyph> glyphs(const cv::Mat& gray) {
    cv::Mat ink;
    cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    std::vector<Glyph> found;
    for (int i = 1; i < count; ++i) {
        const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const double share = static_cast<double>(h) / gray.rows;
        const double aspect = static_cast<double>(w) / h;
        if (share < kMinRowCharHeight || share > kMaxRowCharHeight) continue;
        if (aspect < kMinGlyphAspect || aspect > kMaxGlyphAspect) continue;
        const int top = stats.at<int>(i, cv::CC_STAT_TOP);
        found.push_back({top, top + h});
    }
    return found;
}

}  // namespace

std::optional<cv::Mat> two_rows_as_one(const cv::Mat& gray) {
    CV_Assert(gray.type() == CV_8UC1);
    if (gray.empty() || gray.cols > core::kMaxTwoLineAspect * gray.rows) return std::nullopt;
    const int middle = gray.rows / 2;
    int upper = 0, lower = 0;
    int upper_bottom = 0, lower_top = gray.rows;
    for (const auto& glyph : glyphs(gray)) {
        if (glyph.bottom <= middle + gray.rows / 10 && (glyph.top + glyph.bottom) / 2 < middle) {
            ++upper;
            upper_bottom = std::max(upper_bottom, glyph.bottom);
        } else if (glyph.top >= middle - gray.rows / 10) {
            ++lower;
            lower_top = std::min(lower_top, glyph.top);
        }
    }
    if (upper < kMinRowCharacters || lower < kMinRowCharacters) return std::nullopt;
    const int cut = std::clamp((upper_bottom + lower_top) / 2, 1, gray.rows - 1);
    const int row_height = std::max(1, gray.rows / 2);
    const auto scaled = [&](const cv::Mat& row) {
        cv::Mat out;
        const int width = std::max(1, row.cols * row_height / std::max(1, row.rows));
        cv::resize(row, out, cv::Size(width, row_height), 0, 0, cv::INTER_AREA);
        return out;
    };
    cv::Mat line;
    cv::hconcat(scaled(gray.rowRange(0, cut)), scaled(gray.rowRange(cut, gray.rows)), line);
    return line;
}

}  // namespace anpr::ocr
