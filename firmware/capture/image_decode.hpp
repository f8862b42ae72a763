#pragma once
/// JPEG (libjpeg-turbo) and PNG (libpng) decoding to 8-bit BGR frames.

#include <cstdint>
#include <opencv2/core.hpp>
#include <span>

#include "core/result.hpp"

namespace anpr::capture {

/// Images larger than this many pixels are refused (a 1080p frame has 2.1 M):
/// a forged header must not make the unit allocate gigabytes.
inline constexpr std::int64_t kMaxImagePixels = 50'000'000;

/// The BGR image in the bytes of a JPEG or PNG file; an Error says what is
/// wrong (unknown format, corrupt data, absurd size). A JPEG whose data ends
/// early decodes to what is there, as cameras' partial frames do.
core::Result<cv::Mat> decode_image(std::span<const std::uint8_t> bytes);

}  // namespace anpr::capture
