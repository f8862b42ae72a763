#pragma once
/// The plate crop as records carry it: a JPEG in base64, never over a size cap.

#include <cstddef>
#include <opencv2/core.hpp>
#include <string>

namespace anpr::uplink {

/// Base64 of `crop` as a JPEG of at most `max_bytes`: lower quality first,
/// then halved sizes, until it fits; "" when the crop is empty or cannot fit.
std::string crop_jpeg_base64(const cv::Mat& crop, std::size_t max_bytes);

}  // namespace anpr::uplink
