#include "uplink/crop_jpeg.hpp"

#include <openssl/evp.h>

#include <opencv2/imgproc.hpp>
#include <vector>

#include "capture/image_encode.hpp"

namespace anpr::uplink {
namespace {

// Qualities tried in turn: the first is sharp enough to check every glyph.
constexpr int kQualities[] = {85, 60, 40};
// Halving stops before the plate is smaller than this, px wide.
constexpr int kMinWidth = 24;

std::string base64(const std::vector<std::uint8_t>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

}  // namespace

std::string crop_jpeg_base64(const cv::Mat& crop, std::size_t max_bytes) {
    cv::Mat image = crop;
    while (!image.empty() && image.cols >= kMinWidth) {
        for (const int quality : kQualities) {
            auto jpeg = capture::encode_jpeg(image, quality);
            if (!jpeg) return {};
            if (jpeg.value().size() <= max_bytes) return base64(jpeg.value());
        }
        cv::Mat half;
        cv::resize(image, half, {}, 0.5, 0.5, cv::INTER_AREA);
        image = half;
    }
    return {};
}

}  // namespace anpr::uplink
