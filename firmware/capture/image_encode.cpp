#include "capture/image_encode.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <memory>
#include <string>

namespace anpr::capture {

core::Result<std::vector<std::uint8_t>> encode_jpeg(const cv::Mat& image, int quality) {
    if (image.empty() || (image.type() != CV_8UC3 && image.type() != CV_8UC1)) {
        return core::Error{"JPEG encoding needs a non-empty 8-bit BGR or grey image"};
    }
    const std::unique_ptr<void, int (*)(tjhandle)> handle(tjInitCompress(), tjDestroy);
    if (!handle) return core::Error{"cannot start the JPEG encoder"};
    const cv::Mat packed = image.isContinuous() ? image : image.clone();
    const bool grey = image.type() == CV_8UC1;
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    const int rc = tjCompress2(handle.get(), packed.data, packed.cols, 0, packed.rows,
                               grey ? TJPF_GRAY : TJPF_BGR, &jpeg, &size,
                               grey ? TJSAMP_GRAY : TJSAMP_420, std::clamp(quality, 1, 100), 0);
    const std::unique_ptr<unsigned char, void (*)(unsigned char*)> owned(jpeg, tjFree);
    if (rc != 0)
        return core::Error{std::string("JPEG encoding failed: ") + tjGetErrorStr2(handle.get())};
    return std::vector<std::uint8_t>(jpeg, jpeg + size);
}

}  // namespace anpr::capture
