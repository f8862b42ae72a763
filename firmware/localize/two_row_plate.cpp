#include "localize/two_row_plate.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "localize/character_blobs.hpp"

namespace anpr::localize {
namespace {

// In character heights of the row found: how far from its text the other
// line may be (square plates leave a small gap, a dent or a screw between
// the lines), and how far its height may differ (both lines share one font).
constexpr double kMaxGap = 0.8;
constexpr double kMinGap = -0.2;
constexpr double kHeightTolerance = 0.25;
// The other line is centred on the same plate: its centre within this share
// of the found row's width from the found row's centre.
constexpr double kMaxCentreOffset = 0.25;
// Short lines ("ES", "XG") still count.
constexpr int kMinCharacters = 2;
// Characters taller than this, in px, are looked for in a scaled-down region.
constexpr double kSearchHeight = 20;

enum class Side { kBelow, kAbove };

cv::Rect extent_of(const TextRow& row) {
    cv::Rect extent = row.characters.front();
    for (const auto& c : row.characters) extent |= c;
    return extent;
}

/// The found row's text: its box less the quad's margins above and below.
struct RowText {
    cv::Rect box;  ///< the row candidate's box
    double top = 0;
    double bottom = 0;
    double char_height = 0;
    double margin = 0;  ///< quad edge to text, px
};

RowText row_text(const core::PlateCandidate& row) {
    const double quad_height = cv::norm(row.quad[3] - row.quad[0]);
    const double char_height = quad_height * core::kTextHeightShare;
    const double margin = (quad_height - char_height) / 2;
    return {row.box, row.box.y + margin, row.box.y + row.box.height - margin, char_height, margin};
}

/// Extent, in frame pixels, of the nearest row of characters on `side` of
/// `text` that can be the plate's other line.
std::optional<cv::Rect> other_line(const cv::Mat& image, const RowText& text, Side side) {
    const double ch = text.char_height;
    const double reach = (kMaxGap - kMinGap + 1 + kHeightTolerance) * ch;
    const double top =
        side == Side::kBelow ? text.bottom + kMinGap * ch : text.top - kMinGap * ch - reach;
    const cv::Rect region =
        cv::Rect(text.box.x, static_cast<int>(top), text.box.width, static_cast<int>(reach)) &
        cv::Rect(0, 0, image.cols, image.rows);
    if (region.height < 2 || region.width < 2) return std::nullopt;
    cv::Mat gray;
    if (image.channels() == 1) {
        gray = image(region);
    } else {
        cv::cvtColor(image(region), gray, cv::COLOR_BGR2GRAY);
    }
    // Only where the other line is matters, not its exact outline: large
    // characters are looked for at kSearchHeight, which is 4 times cheaper
    // for 40 px characters.
    const double scale = std::min(1.0, kSearchHeight / ch);
    if (scale < 1) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);
    const int min_height = static_cast<int>(std::floor((1 - kHeightTolerance) * ch * scale));
    const int max_height = static_cast<int>(std::ceil((1 + kHeightTolerance) * ch * scale));
    const double centre = text.box.x + text.box.width / 2.0;
    std::optional<cv::Rect> nearest;
    double nearest_gap = 0;
    for (const auto& row :
         group_rows(find_character_blobs(gray, min_height, max_height), kMinCharacters)) {
        const cv::Rect found = extent_of(row);
        const cv::Rect extent(region.x + static_cast<int>(found.x / scale),
                              region.y + static_cast<int>(found.y / scale),
                              static_cast<int>(std::ceil(found.width / scale)),
                              static_cast<int>(std::ceil(found.height / scale)));
        const double gap =
            (side == Side::kBelow ? extent.y - text.bottom : text.top - extent.br().y) / ch;
        if (gap < kMinGap || gap > kMaxGap) continue;
        if (std::abs(row.char_height / scale - ch) > kHeightTolerance * ch) continue;
        if (std::abs(extent.x + extent.width / 2.0 - centre) > kMaxCentreOffset * text.box.width)
            continue;
        if (!nearest || gap < nearest_gap) {
            nearest = extent;
            nearest_gap = gap;
        }
    }
    return nearest;
}

}  // namespace

std::optional<core::PlateCandidate> two_row_plate(const core::Frame& frame,
                                                  const core::PlateCandidate& row) {
    if (row.quad.size() != 4 || frame.image.empty()) return std::nullopt;
    const RowText text = row_text(row);
    core::PlateCandidate plate = row;
    if (const auto below = other_line(frame.image, text, Side::kBelow)) {
        // The row's quad, its lower edge moved down under the second line.
        const auto down = static_cast<float>(below->br().y + text.margin - text.box.br().y);
        plate.quad[2].y += down;
        plate.quad[3].y += down;
    } else if (const auto above = other_line(frame.image, text, Side::kAbove)) {
        // Its upper edge moved up over the first line.
        const auto up = static_cast<float>(text.box.y - (above->y - text.margin));
        plate.quad[0].y -= up;
        plate.quad[1].y -= up;
    } else {
        return std::nullopt;
    }
    plate.box = cv::boundingRect(plate.quad) & cv::Rect(0, 0, frame.image.cols, frame.image.rows);
    return plate;
}

}  // namespace anpr::localize
