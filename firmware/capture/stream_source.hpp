#pragma once
/// A live source: a network stream (rtsp://, http://, https://) or a V4L2
/// camera (v4l2:///dev/video0), read through FFmpeg's libraries. The camera
/// going away never ends it: it is opened again after a pause that doubles
/// from capture.reconnect_min_s up to capture.reconnect_max_s, and each
/// outage is logged once and counted.

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "capture/frame_source.hpp"
#include "capture/video_file.hpp"

namespace anpr::capture {

/// Whether `source` names a live source by its scheme.
bool is_live_source(const std::string& source);

/// What a live source went through.
struct StreamCounters {
    std::uint64_t frames = 0;        ///< frames delivered
    std::uint64_t outages = 0;       ///< times the source was lost or could not be opened
    std::uint64_t failed_opens = 0;  ///< attempts to open it that failed
};

class StreamSource final : public FrameSource {
  public:
    /// Nothing is opened yet: the first next() connects. `stop` ends the
    /// waits between attempts.
    StreamSource(const config::CaptureConfig& config, const std::atomic<bool>& stop);

    /// The next frame, numbered on across reconnections; waits and reconnects
    /// as long as it takes; std::nullopt only once `stop` is set. A damaged
    /// frame is an Error, and the stream goes on.
    core::Result<std::optional<core::Frame>> next() override;

    bool films_a_scene() const override { return true; }
    std::string description() const override;

    /// Safe to call from any thread (the capture thread updates them).
    StreamCounters stream_counters() const { return {frames_, outages_, failed_opens_}; }
    SourceCounters counters() const override { return {0, 0, outages_}; }

  private:
    /// Marks the source lost (once per outage) with the reason, which names it.
    void lose(const std::string& why);
    /// Sleeps the current backoff (or until stop) and doubles it.
    void back_off();

    std::string url_;
    VideoFile::LiveKind kind_;
    config::CaptureConfig config_;
    const std::atomic<bool>& stop_;
    std::optional<VideoFile> input_;
    bool lost_ = false;  ///< in an outage now
    double backoff_s_;
    std::atomic<std::uint64_t> frames_{0};
    std::atomic<std::uint64_t> outages_{0};
    std::atomic<std::uint64_t> failed_opens_{0};
};

}  // namespace anpr::capture
