#include "capture/image_folder_source.hpp"

#include "capture/image_files.hpp"

namespace anpr::capture {

ImageFolderSource::ImageFolderSource(std::vector<std::filesystem::path> files, bool loop)
    : files_(std::move(files)), loop_(loop) {}

core::Result<ImageFolderSource> ImageFolderSource::open(const config::CaptureConfig& config) {
    auto files = list_images(config.source);
    if (!files) return core::Error{"capture: " + files.error().message};
    if (files.value().empty())
        return core::Error{"capture: no JPEG or PNG image in '" + config.source + "'"};
    return ImageFolderSource(std::move(files).value(), config.loop);
}

core::Result<std::optional<core::Frame>> ImageFolderSource::next() {
    if (position_ == files_.size()) {
        if (!loop_) return std::optional<core::Frame>{};
        position_ = 0;
    }
    const auto& file = files_[position_++];
    auto frame = load_frame(file, frames_++);
    if (!frame) return frame.error();
    return std::optional<core::Frame>{std::move(frame).value()};
}

}  // namespace anpr::capture
