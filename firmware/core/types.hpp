#pragma once
/// Value types passed between the stages of the unit.

#include <chrono>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace anpr::core {

/// When a frame was captured: monotonic for ordering and intervals,
/// UTC (system clock) for the record.
struct Timestamp {
    std::chrono::steady_clock::time_point monotonic{};
    std::chrono::system_clock::time_point utc{};
};

/// One picture from a frame source.
struct Frame {
    cv::Mat image;            ///< BGR, 8 bit
    std::string source;       ///< file path or stream name, for logs and records
    std::uint64_t index = 0;  ///< position in the source, counting from 0
    Timestamp captured;
};

/// In a plate crop cut along PlateCandidate::quad, the share of the crop's
/// height that the characters fill: the localizer cuts that margin, readers
/// rely on it.
inline constexpr double kTextHeightShare = 1.0 / 1.6;

/// Plates at most this many times as wide as high may carry two rows of text
/// (motorcycles, square plates); EU one-line plates are 4.7 times, two-line
/// ones 1.4 times.
inline constexpr double kMaxTwoLineAspect = 2.2;

/// Whether the plate cut along `quad` (tl, tr, br, bl) is squarish enough
/// (at most kMaxTwoLineAspect) to carry two rows of text.
inline bool may_hold_two_rows(const std::vector<cv::Point2f>& quad) {
    return cv::norm(quad[1] - quad[0]) <= kMaxTwoLineAspect * cv::norm(quad[3] - quad[0]);
}

/// A region of a frame that may hold a plate, as the localizer found it.
struct PlateCandidate {
    cv::Rect box;  ///< axis-aligned box in frame pixels
    /// Four corners (tl, tr, br, bl) around the plate's text row, rotated with
    /// it: the text fills kTextHeightShare of its height, with room on the left
    /// for the EU band.
    std::vector<cv::Point2f> quad;
    float score = 0.f;  ///< localizer's belief, 0..1
};

/// One way to read a plate, with its belief.
struct TextCandidate {
    std::string text;
    float confidence = 0.f;
};

/// A plate read from one frame.
struct PlateRead {
    std::string text;     ///< upper-case letters and digits, no separators
    std::string display;  ///< the country's printed form, e.g. "1-ABC-123"
    std::string country;  ///< ISO 3166 alpha-2 code, or "" when no format fits
    float confidence = 0.f;
    cv::Rect box;
    std::vector<TextCandidate> candidates;  ///< alternatives, best first (text included)
};

}  // namespace anpr::core
