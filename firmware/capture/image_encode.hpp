#pragma once
/// JPEG encoding (libjpeg-turbo), for the plate crops that go with passages.

#include <cstdint>
#include <opencv2/core.hpp>
#include <vector>

#include "core/result.hpp"

namespace anpr::capture {

/// The JPEG bytes of an 8-bit BGR or grey image at `quality` (1..100); an
/// Error for an empty or other image, or when the encoder fails.
core::Result<std::vector<std::uint8_t>> encode_jpeg(const cv::Mat& image, int quality = 90);

}  // namespace anpr::capture
