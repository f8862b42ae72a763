#include "capture/image_files.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>
#include <system_error>

#include "capture/image_decode.hpp"

namespace anpr::capture {
namespace {

/// Larger files are refused before they are read: a camera frame is a few MB,
/// and a 32-bit unit could not even hold a file of 4 GB.
constexpr std::uintmax_t kMaxImageBytes = std::uintmax_t{256} << 20;

}  // namespace

std::string lowercase_extension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext;
}

bool is_image_file(const std::filesystem::path& path) {
    const std::string ext = lowercase_extension(path);
    return ext == ".jpg" || ext == ".jpeg" || ext == ".png";
}

core::Result<std::vector<std::filesystem::path>> list_images(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::directory_iterator it(folder, ec);
    if (ec) return core::Error{"cannot list folder '" + folder.string() + "': " + ec.message()};
    std::vector<std::filesystem::path> images;
    for (const auto& entry : it) {
        if (entry.is_regular_file(ec) && is_image_file(entry.path()))
            images.push_back(entry.path());
    }
    std::sort(images.begin(), images.end());
    return images;
}

core::Result<std::vector<std::filesystem::path>> expand_image_paths(
    const std::vector<std::filesystem::path>& paths) {
    std::vector<std::filesystem::path> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            auto listed = list_images(path);
            if (!listed) return listed.error();
            files.insert(files.end(), listed.value().begin(), listed.value().end());
        } else if (std::filesystem::exists(path, ec)) {
            files.push_back(path);
        } else {
            return core::Error{"no such file or folder: '" + path.string() + "'"};
        }
    }
    return files;
}

core::Result<core::Frame> load_frame(const std::filesystem::path& file, std::uint64_t index) {
    const auto named = [&](const std::string& what) {
        return core::Error{"cannot read image '" + file.string() + "': " + what};
    };
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return named(ec.message());
    if (size == 0) return named("the file is empty");
    if (size > kMaxImageBytes) {
        return named("the file is larger than " + std::to_string(kMaxImageBytes >> 20) +
                     " MB: no camera frame is");
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        return named("the file could not be read to its end");
    }
    auto image = decode_image(bytes);
    if (!image) {
        return core::Error{"cannot decode image '" + file.string() + "': " + image.error().message};
    }
    core::Frame frame;
    frame.image = std::move(image).value();
    frame.source = file.string();
    frame.index = index;
    frame.captured = {std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
    return frame;
}

}  // namespace anpr::capture
