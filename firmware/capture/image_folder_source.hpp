#pragma once
/// Frame source over a folder of still images, for the unit's embedded
/// default and for bench tests; live sources come with the video issue.

#include <filesystem>
#include <optional>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::capture {

class ImageFolderSource {
  public:
    /// Lists the folder now; an Error when it is missing or holds no image.
    static core::Result<ImageFolderSource> open(const config::CaptureConfig& config);

    /// The next frame; std::nullopt once the folder is done (never, with `loop`).
    /// A file that cannot be decoded is an Error naming it; the next call goes on
    /// with the file after it.
    core::Result<std::optional<core::Frame>> next();

    std::size_t size() const { return files_.size(); }

  private:
    ImageFolderSource(std::vector<std::filesystem::path> files, bool loop);
    std::vector<std::filesystem::path> files_;
    bool loop_;
    std::size_t position_ = 0;
    std::uint64_t frames_ = 0;
};

}  // namespace anpr::capture
