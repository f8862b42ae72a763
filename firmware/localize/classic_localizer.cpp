#include "localize/classic_localizer.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "core/geometry.hpp"
#include "localize/character_blobs.hpp"

namespace anpr::localize {
namespace {

// Frames are searched at most this wide: plates stay well above the
// smallest readable character height, and MSER time grows with area.
constexpr int kMaxSearchSide = 1280;
// A plate's characters are about 1/7 of its width tall (EU: 75 mm of 520 mm).
constexpr double kCharHeightPerPlateWidth = 0.14;
constexpr int kMinCharHeight = 8;
constexpr int kMinCharacters = 4;
// Plates carry 4-10 characters; rows of text wider than that are signs.
constexpr int kMaxCharacters = 12;
// The quad around the text row, in character heights: room for the EU band
// on the left, for a border on the right, and above and below what makes the
// text fill core::kTextHeightShare of the height.
constexpr float kMarginLeft = 0.9f;
constexpr float kMarginRight = 0.35f;
constexpr float kMarginVertical = static_cast<float>((1.0 / core::kTextHeightShare - 1.0) / 2.0);
constexpr double kOverlapToSuppress = 0.5;

float row_score(const TextRow& row) {
    const int n = static_cast<int>(row.characters.size());
    // Typical plates carry 5-8 characters.
    const float count_fit = n >= 5 && n <= 8 ? 1.f : 0.7f;
    float height_spread = 0.f;
    for (const auto& c : row.characters) {
        height_spread += std::abs(static_cast<float>(c.height) - row.char_height);
    }
    height_spread /= static_cast<float>(n) * row.char_height;
    const float tilt_fit = std::abs(row.angle_deg) < 15.f ? 1.f : 0.5f;
    return std::clamp(count_fit * tilt_fit * (1.f - 2.f * height_spread), 0.05f, 1.f);
}

/// The plate's corners around a text row, rotated with the row, scaled back to the frame.
std::vector<cv::Point2f> plate_quad(const TextRow& row, float scale) {
    cv::Rect extent = row.characters.front();
    for (const auto& c : row.characters) extent |= c;
    const float h = row.char_height;
    const float angle = row.angle_deg * static_cast<float>(CV_PI) / 180.f;
    const cv::Point2f center(
        static_cast<float>(extent.x) + static_cast<float>(extent.width) / 2.f,
        static_cast<float>(extent.y) + static_cast<float>(extent.height) / 2.f);
    // Along the row, the extent's width shrinks by the tilt's cosine.
    const float half_width = static_cast<float>(extent.width) / (2.f * std::cos(angle));
    const float left = half_width + kMarginLeft * h;
    const float right = half_width + kMarginRight * h;
    const float half_height = h / 2.f + kMarginVertical * h;
    const cv::Point2f along(std::cos(angle), std::sin(angle));
    const cv::Point2f across(-along.y, along.x);
    std::vector<cv::Point2f> quad{center - left * along - half_height * across,
                                  center + right * along - half_height * across,
                                  center + right * along + half_height * across,
                                  center - left * along + half_height * across};
    for (auto& p : quad) p /= scale;
    return quad;
}

}  // namespace

core::Result<std::vector<core::PlateCandidate>> localize_classic(
    const core::Frame& frame, const config::LocalizeConfig& config) {
    return localize_classic(frame, config,
                            {config.min_plate_width * kCharHeightPerPlateWidth,
                             config.max_plate_width * kCharHeightPerPlateWidth * 1.5});
}

core::Result<std::vector<core::PlateCandidate>> localize_classic(
    const core::Frame& frame, const config::LocalizeConfig& config, CharacterHeights heights) {
    if (frame.image.empty()) return core::Error{"localize: empty frame from " + frame.source};
    cv::Mat gray;
    if (frame.image.channels() == 1) {
        gray = frame.image;
    } else {
        cv::cvtColor(frame.image, gray, cv::COLOR_BGR2GRAY);
    }
    const int side = std::max(gray.cols, gray.rows);
    const float scale =
        side > kMaxSearchSide ? static_cast<float>(kMaxSearchSide) / static_cast<float>(side) : 1.f;
    if (scale < 1.f) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);

    const int min_char = std::max(kMinCharHeight, static_cast<int>(heights.min * scale));
    const int max_char = std::max(min_char + 1, static_cast<int>(heights.max * scale));
    const auto rows = group_rows(find_character_blobs(gray, min_char, max_char), kMinCharacters);

    const cv::Rect frame_rect(0, 0, frame.image.cols, frame.image.rows);
    std::vector<core::PlateCandidate> candidates;
    for (const auto& row : rows) {
        if (static_cast<int>(row.characters.size()) > kMaxCharacters) continue;
        core::PlateCandidate candidate;
        candidate.quad = plate_quad(row, scale);
        candidate.box = cv::boundingRect(candidate.quad) & frame_rect;
        candidate.score = row_score(row);
        const double width = candidate.box.width;
        if (width < config.min_plate_width || width > config.max_plate_width) continue;
        candidates.push_back(std::move(candidate));
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.score > b.score; });
    std::vector<core::PlateCandidate> kept;
    for (auto& c : candidates) {
        if (static_cast<int>(kept.size()) >= config.max_candidates) break;
        const bool suppressed = std::any_of(kept.begin(), kept.end(), [&](const auto& k) {
            return core::overlap_of_smaller(c.box, k.box) > kOverlapToSuppress;
        });
        if (!suppressed) kept.push_back(std::move(c));
    }
    return kept;
}

}  // namespace anpr::localize
