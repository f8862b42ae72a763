#pragma once
/// A live source read on a thread of its own, at the camera's pace, whatever
/// the reader's: the reader takes the newest frame (capture/latest_frame.hpp)
/// and frames it had no time for are dropped and counted.

#include <atomic>
#include <memory>
#include <thread>

#include "capture/frame_source.hpp"
#include "capture/latest_frame.hpp"

namespace anpr::capture {

class CaptureThread final : public FrameSource {
  public:
    /// Starts reading `source` now, until it ends or `stop` is set.
    CaptureThread(std::unique_ptr<FrameSource> source, const std::atomic<bool>& stop);
    ~CaptureThread() override;
    CaptureThread(const CaptureThread&) = delete;
    CaptureThread& operator=(const CaptureThread&) = delete;

    /// The newest frame; waits for one; std::nullopt once the source has
    /// ended or `stop` is set. Frames the source could not decode are logged
    /// and counted by the capture thread, never returned as errors here.
    core::Result<std::optional<core::Frame>> next() override;

    bool films_a_scene() const override { return source_->films_a_scene(); }
    std::string description() const override { return source_->description(); }
    SourceCounters counters() const override;

  private:
    void run();

    std::unique_ptr<FrameSource> source_;
    const std::atomic<bool>& stop_;
    LatestFrame latest_;
    std::atomic<std::uint64_t> errors_{0};
    std::thread thread_;
};

}  // namespace anpr::capture
