#include "capture/image_decode.hpp"

#include <png.h>
#include <turbojpeg.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

namespace anpr::capture {
namespace {

constexpr std::array<std::uint8_t, 3> kJpegMagic{0xFF, 0xD8, 0xFF};
constexpr std::array<std::uint8_t, 8> kPngMagic{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

template <std::size_t N>
bool starts_with(std::span<const std::uint8_t> bytes, const std::array<std::uint8_t, N>& magic) {
    return bytes.size() >= N && std::equal(magic.begin(), magic.end(), bytes.begin());
}

core::Status check_size(int width, int height) {
    if (width <= 0 || height <= 0) return core::Error{"the image has no pixels"};
    if (static_cast<std::int64_t>(width) * height > kMaxImagePixels) {
        return core::Error{"the image is " + std::to_string(width) + "x" + std::to_string(height) +
                           ", more than " + std::to_string(kMaxImagePixels) + " pixels"};
    }
    return core::Ok{};
}

core::Result<cv::Mat> decode_jpeg(std::span<const std::uint8_t> bytes) {
    const std::unique_ptr<void, int (*)(tjhandle)> handle(tjInitDecompress(), tjDestroy);
    if (!handle) return core::Error{"cannot start the JPEG decoder"};
    const auto size = static_cast<unsigned long>(bytes.size());
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(handle.get(), bytes.data(), size, &width, &height, &subsampling,
                            &colorspace) != 0) {
        return core::Error{std::string("corrupt JPEG: ") + tjGetErrorStr2(handle.get())};
    }
    if (auto sized = check_size(width, height); !sized) return sized.error();
    cv::Mat image(height, width, CV_8UC3);
    if (tjDecompress2(handle.get(), bytes.data(), size, image.data, width, 0, height, TJPF_BGR,
                      0) != 0 &&
        tjGetErrorCode(handle.get()) != TJERR_WARNING) {
        return core::Error{std::string("corrupt JPEG: ") + tjGetErrorStr2(handle.get())};
    }
    return image;
}

core::Result<cv::Mat> decode_png(std::span<const std::uint8_t> bytes) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    const std::unique_ptr<png_image, void (*)(png_imagep)> owner(&png, png_image_free);
    if (png_image_begin_read_from_memory(&png, bytes.data(), bytes.size()) == 0) {
        return core::Error{std::string("corrupt PNG: ") + png.message};
    }
    if (auto sized = check_size(static_cast<int>(std::min<png_uint_32>(png.width, INT32_MAX)),
                                static_cast<int>(std::min<png_uint_32>(png.height, INT32_MAX)));
        !sized) {
        return sized.error();
    }
    png.format = PNG_FORMAT_BGR;  // alpha, if any, is composed onto black
    cv::Mat image(static_cast<int>(png.height), static_cast<int>(png.width), CV_8UC3);
    if (png_image_finish_read(&png, nullptr, image.data, static_cast<png_int_32>(image.step),
                              nullptr) == 0) {
        return core::Error{std::string("corrupt PNG: ") + png.message};
    }
    return image;
}

}  // namespace

core::Result<cv::Mat> decode_image(std::span<const std::uint8_t> bytes) {
    if (bytes.empty()) return core::Error{"the file is empty"};
    if (starts_with(bytes, kJpegMagic)) return decode_jpeg(bytes);
    if (starts_with(bytes, kPngMagic)) return decode_png(bytes);
    return core::Error{"not a JPEG or PNG image"};
}

}  // namespace anpr::capture
