#include "localize/character_blobs.hpp"

#include <algorithm>
#include <numeric>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>

#include "core/geometry.hpp"

namespace anpr::localize {
namespace {

// Shape limits of one plate character's blob. Narrow glyphs ('1', 'I') are
// nearly solid; wide ones ('M', 'W') are up to 1.12 times as wide as high in
// the renderer's plate fonts, more when blurred. A blob wider than
// kMaxNarrowAspect may also be two touching glyphs: it is kept only when it
// does not hold two narrower blobs side by side.
constexpr double kMinAspect = 0.08;
constexpr double kMaxAspect = 1.3;
constexpr double kMaxNarrowAspect = 1.1;
constexpr double kMinFill = 0.15;
constexpr double kMaxFill = 0.95;
constexpr double kMaxFillNarrow = 1.0;
constexpr double kNarrowAspect = 0.3;
// MSER returns nested, nearly equal regions for one glyph: keep one.
constexpr double kDuplicateIou = 0.7;
// A blob is inside another when this share of it is; a glyph of a pair is
// narrower than this share of the pair.
constexpr double kInsideShare = 0.8;
constexpr double kMaxPairShare = 0.7;

// Neighbouring characters of one row: similar height, same line, small gap.
constexpr double kMaxHeightRatio = 1.35;
constexpr double kMaxCenterOffset = 0.35;      // of the mean height
constexpr double kMaxGap = 1.1;                // of the mean height
constexpr double kMinGap = -0.25;              // slight overlap from italic or blur
constexpr double kSameCharacterOverlap = 0.5;  // of the narrower box's width

bool is_character_shape(const cv::Rect& box, std::size_t pixel_count, int min_height,
                        int max_height) {
    if (box.height < min_height || box.height > max_height) return false;
    const double aspect = static_cast<double>(box.width) / box.height;
    if (aspect < kMinAspect || aspect > kMaxAspect) return false;
    const double fill = static_cast<double>(pixel_count) / box.area();
    const double max_fill = aspect < kNarrowAspect ? kMaxFillNarrow : kMaxFill;
    return fill >= kMinFill && fill <= max_fill;
}

std::vector<cv::Rect> drop_duplicates(std::vector<cv::Rect> boxes) {
    std::sort(boxes.begin(), boxes.end(),
              [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
    std::vector<cv::Rect> kept;
    for (const auto& box : boxes) {
        const bool duplicate = std::any_of(kept.begin(), kept.end(), [&](const cv::Rect& k) {
            return core::iou(box, k) > kDuplicateIou;
        });
        if (!duplicate) kept.push_back(box);
    }
    return kept;
}

/// Whether `box` holds two of `boxes` side by side: two neighbouring glyphs
/// that MSER also found as one region where they touch, not one wide glyph.
bool holds_a_pair(const cv::Rect& box, const std::vector<cv::Rect>& boxes) {
    std::vector<cv::Rect> inside;
    for (const auto& other : boxes) {
        if (other.width >= box.width * kMaxPairShare) continue;
        if ((other & box).area() >= kInsideShare * other.area()) inside.push_back(other);
    }
    for (const auto& a : inside) {
        for (const auto& b : inside) {
            if (a.br().x <= b.x + kSameCharacterOverlap * std::min(a.width, b.width)) return true;
        }
    }
    return false;
}

/// Wide blobs ('M', 'W') that are not pairs of narrower glyphs.
std::vector<cv::Rect> drop_pairs(const std::vector<cv::Rect>& boxes) {
    std::vector<cv::Rect> kept;
    for (const auto& box : boxes) {
        const bool wide = box.width > kMaxNarrowAspect * box.height;
        if (!wide || !holds_a_pair(box, boxes)) kept.push_back(box);
    }
    return kept;
}

bool are_row_neighbours(const cv::Rect& left, const cv::Rect& right) {
    const double h_left = left.height;
    const double h_right = right.height;
    if (std::max(h_left, h_right) > kMaxHeightRatio * std::min(h_left, h_right)) return false;
    const double mean_h = (h_left + h_right) / 2;
    const double center_offset = std::abs((left.y + h_left / 2) - (right.y + h_right / 2)) / mean_h;
    if (center_offset > kMaxCenterOffset) return false;
    const double gap = (right.x - (left.x + left.width)) / mean_h;
    return gap >= kMinGap && gap <= kMaxGap;
}

int find_root(std::vector<int>& parent, int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

/// One box per character: MSER finds a glyph at several thresholds (stroke
/// only, stroke with halo, a part of it), which overlap along the row.
std::vector<cv::Rect> merge_overlapping(std::vector<cv::Rect> members) {
    std::sort(members.begin(), members.end(),
              [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
    std::vector<cv::Rect> merged;
    for (const auto& m : members) {
        if (!merged.empty()) {
            auto& last = merged.back();
            const int overlap = last.br().x - m.x;
            if (overlap > kSameCharacterOverlap * std::min(last.width, m.width)) {
                last |= m;
                continue;
            }
        }
        merged.push_back(m);
    }
    return merged;
}

TextRow make_row(std::vector<cv::Rect> members) {
    members = merge_overlapping(std::move(members));
    std::vector<float> heights;
    std::vector<cv::Point2f> bottoms;
    for (const auto& m : members) {
        heights.push_back(static_cast<float>(m.height));
        bottoms.emplace_back(static_cast<float>(m.x) + static_cast<float>(m.width) / 2.f,
                             static_cast<float>(m.y + m.height));
    }
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    cv::Vec4f line;
    cv::fitLine(bottoms, line, cv::DIST_HUBER, 0, 0.01, 0.01);
    const float angle = static_cast<float>(std::atan2(line[1], line[0]) * 180.0 / CV_PI);
    // fitLine's direction may point either way along the row.
    const float folded = angle > 90.f ? angle - 180.f : (angle < -90.f ? angle + 180.f : angle);
    return TextRow{std::move(members), folded, heights[heights.size() / 2]};
}

}  // namespace

std::vector<cv::Rect> find_character_blobs(const cv::Mat& gray, int min_height, int max_height) {
    const int min_area = std::max(12, min_height * min_height / 10);
    const int max_area = max_height * max_height;
    auto mser = cv::MSER::create(4, min_area, max_area, 0.5, 0.2);
    std::vector<std::vector<cv::Point>> regions;
    std::vector<cv::Rect> boxes;
    mser->detectRegions(gray, regions, boxes);
    std::vector<cv::Rect> characters;
    for (std::size_t i = 0; i < regions.size(); ++i) {
        if (is_character_shape(boxes[i], regions[i].size(), min_height, max_height)) {
            characters.push_back(boxes[i]);
        }
    }
    return drop_duplicates(drop_pairs(characters));
}

std::vector<TextRow> group_rows(std::vector<cv::Rect> blobs, int min_characters) {
    std::sort(blobs.begin(), blobs.end(),
              [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
    const int n = static_cast<int>(blobs.size());
    std::vector<int> parent(blobs.size());
    std::iota(parent.begin(), parent.end(), 0);
    // Link each blob to its nearest right-hand neighbour only, so that rows
    // stacked above each other (a grille, a second plate line) stay apart.
    for (int i = 0; i < n; ++i) {
        int best = -1;
        int best_gap = 0;
        for (int j = i + 1; j < n && blobs[j].x <= blobs[i].br().x + 2 * blobs[i].height; ++j) {
            if (!are_row_neighbours(blobs[i], blobs[j])) continue;
            const int gap = blobs[j].x - blobs[i].br().x;
            if (best < 0 || gap < best_gap) {
                best = j;
                best_gap = gap;
            }
        }
        if (best >= 0) parent[find_root(parent, best)] = find_root(parent, i);
    }
    std::vector<std::vector<cv::Rect>> groups(blobs.size());
    for (int i = 0; i < n; ++i) groups[find_root(parent, i)].push_back(blobs[i]);
    std::vector<TextRow> rows;
    for (auto& group : groups) {
        if (static_cast<int>(group.size()) < min_characters) continue;
        auto row = make_row(std::move(group));
        if (static_cast<int>(row.characters.size()) >= min_characters)
            rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace anpr::localize
