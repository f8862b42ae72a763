#pragma once
/// The last frame the pipeline took, for the shell's `snapshot` and
/// `camera`, and the pipeline's heartbeat for the watchdog. The pipeline
/// calls observe() once on every frame (read or skipped); holding the frame
/// costs no copy, as each frame owns a buffer of its own.

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "core/types.hpp"

namespace anpr::diag {

struct TappedFrame {
    core::Frame frame;
    double fps = 0.0;  ///< over the last frames' capture times; 0 until two were seen
};

class FrameTap {
  public:
    void observe(const core::Frame& frame);
    /// The pipeline is alive but saw no frame (a frame failed to decode).
    void beat();

    std::optional<TappedFrame> latest() const;
    /// When the pipeline last showed life; nullopt before its first frame.
    std::optional<std::chrono::steady_clock::time_point> last_beat() const;

  private:
    mutable std::mutex mutex_;
    std::optional<core::Frame> frame_;
    std::deque<std::chrono::steady_clock::time_point> times_;  ///< capture times, as they came
    std::optional<std::chrono::steady_clock::time_point> beat_;
};

}  // namespace anpr::diag
