#include "uplink/crop_jpeg.hpp"

#include <opencv2/imgproc.hpp>
#include <vector>

#include "capture/image_encode.hpp"
#include "evidence/base64.hpp"

namespace anpr::uplink {
namespace {

// Qualities tried in turn: the first is sharp enough to check every glyph.
constexpr int kQualities[] = {85, 60, 40};
// Halving stops before the plate is smaller than this, px wide.
constexpr int kMinWidth = 24;

}  // namespace

std::string crop_jpeg_base64(const cv::Mat& crop, std::size_t max_bytes) {
    cv::Mat image = crop;
    while (!image.empty() && image.cols >= kMinWidth) {
        for (const int quality : kQualities) {
            auto jpeg = capture::encode_jpeg(image, quality);
            if (!jpeg) return {};
            if (jpeg.value().size() <= max_bytes) {
                const auto& bytes = jpeg.value();
                return evidence::base64_encode(
                    {reinterpret_cast<const char*>(bytes.data()), bytes.size()});
            }
        }
        cv::Mat half;
        cv::resize(image, half, {}, 0.5, 0.5, cv::INTER_AREA);
        image = half;
    }
    return {};
}

}  // namespace anpr::uplink
