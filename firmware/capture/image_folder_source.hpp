#pragma once
/// Frame source over a folder of still images, each a scene of its own: the
/// unit's embedded default.

#include <filesystem>
#include <optional>
#include <vector>

#include "capture/frame_source.hpp"

namespace anpr::capture {

class ImageFolderSource final : public FrameSource {
  public:
    /// Lists the folder now; an Error when it is missing or holds no image.
    static core::Result<ImageFolderSource> open(const config::CaptureConfig& config);

    /// The next frame; std::nullopt once the folder is done (never, with `loop`).
    /// A file that cannot be decoded is an Error naming it; the next call goes on
    /// with the file after it.
    core::Result<std::optional<core::Frame>> next() override;

    bool films_a_scene() const override { return false; }
    std::string description() const override;

    std::size_t size() const { return files_.size(); }

  private:
    ImageFolderSource(std::string folder, std::vector<std::filesystem::path> files, bool loop);
    std::string folder_;
    std::vector<std::filesystem::path> files_;
    bool loop_;
    std::size_t position_ = 0;
    std::uint64_t frames_ = 0;
};

}  // namespace anpr::capture
