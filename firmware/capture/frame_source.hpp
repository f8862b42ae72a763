#pragma once
/// Where the unit's frames come from, chosen by `capture.source`: a folder
/// of still images, or a video file. (Network streams and V4L2 cameras come
/// with their own sources, behind the same interface.)

#include <memory>
#include <optional>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::capture {

class FrameSource {
  public:
    virtual ~FrameSource() = default;

    /// The next frame; std::nullopt once the source is done. A frame that
    /// cannot be decoded is an Error naming it; whether the next call goes on
    /// after it is the source's to say.
    virtual core::Result<std::optional<core::Frame>> next() = 0;

    /// Whether the frames film one scene over time (a video), so that a
    /// vehicle's plate can be followed across them; false for still images,
    /// each a scene of its own.
    virtual bool films_a_scene() const = 0;

    /// What it is, for the logs: "13 images in 'images'", "video 'a.mp4'".
    virtual std::string description() const = 0;
};

/// The source `config.source` names: a video file (by its extension, see
/// is_video_file) or a folder of images. An Error names the path and what is
/// wrong with it.
core::Result<std::unique_ptr<FrameSource>> open_source(const config::CaptureConfig& config);

}  // namespace anpr::capture
