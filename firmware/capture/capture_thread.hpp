#pragma once
/// A live source read on a thread of its own, at the camera's pace, whatever
/// the reader's: the reader takes the newest frame (capture/latest_frame.hpp)
/// and frames it had no time for are dropped and counted.

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "capture/frame_source.hpp"
#include "capture/latest_frame.hpp"

namespace anpr::capture {

class CaptureThread final : public FrameSource {
  public:
    /// Makes the source the capture thread reads from; its waits end with
    /// the flag given, which the capture thread raises when `stop` is set or
    /// it is destroyed.
    using Opener = std::function<std::unique_ptr<FrameSource>(const std::atomic<bool>& halt)>;

    /// Starts reading the source `open` makes now, until it ends or `stop` is set.
    CaptureThread(const Opener& open, const std::atomic<bool>& stop);
    /// Ends the capture thread, `stop` set or not (the unit may be leaving
    /// on an error): a live source that waits for its camera must not hold it.
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
    void halt() override { halt_ = true; }

  private:
    void run();

    const std::atomic<bool>& stop_;
    std::atomic<bool> halt_{false};  ///< stop, or this object going away
    std::unique_ptr<FrameSource> source_;
    LatestFrame latest_;
    std::atomic<std::uint64_t> errors_{0};
    std::thread thread_;
};

}  // namespace anpr::capture
