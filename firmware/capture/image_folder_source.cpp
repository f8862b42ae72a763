#include "capture/image_folder_source.hpp"

#include "capture/image_files.hpp"

namespace anpr::capture {

ImageFolderSource::ImageFolderSource(std::string folder, std::vector<std::filesystem::path> files,
                                     bool loop)
    : folder_(std::move(folder)), files_(std::move(files)), loop_(loop) {}

core::Result<ImageFolderSource> ImageFolderSource::open(const config::CaptureConfig& config) {
    auto files = list_images(config.source);
    if (!files) return core::Error{"capture: " + files.error().message};
    if (files.value().empty())
        return core::Error{"capture: no JPEG or PNG image in '" + config.source + "'"};
    return ImageFolderSource(config.source, std::move(files).value(), config.loop);
}

std::string ImageFolderSource::description() const {
    return std::to_string(files_.size()) + " images in '" + folder_ + "'";
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
