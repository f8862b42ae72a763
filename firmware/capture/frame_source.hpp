#pragma once
/// Where the unit's frames come from, chosen by `capture.source`: a folder
/// of still images, a video file, a network stream or a V4L2 camera.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::capture {

/// What a source went through, for the logs and the diagnostics.
struct SourceCounters {
    std::uint64_t dropped = 0;  ///< live frames the reader had no time for
    std::uint64_t errors = 0;   ///< frames that could not be decoded, handled inside the source
    std::uint64_t outages = 0;  ///< times a live source was lost or could not be opened
};

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

    virtual SourceCounters counters() const { return {}; }

    /// From another thread: ends a wait in next() for good (it returns
    /// nothing soon after, and from then on). For sources whose next() may
    /// wait for a camera; the others return at once anyway.
    virtual void halt() {}
};

/// The source `config.source` names: a live stream or camera (by its scheme,
/// see is_live_source), a video file (by its extension, see is_video_file) or
/// a folder of images. An Error names the path and what is wrong with it; a
/// live source is never an Error: it connects, and reconnects, as it reads,
/// on a capture thread of its own (capture/capture_thread.hpp). `stop` ends
/// a live source's waits.
core::Result<std::unique_ptr<FrameSource>> open_source(const config::CaptureConfig& config,
                                                       const std::atomic<bool>& stop);

}  // namespace anpr::capture
