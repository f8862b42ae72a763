#include "diag/frame_tap.hpp"

#include <algorithm>

namespace anpr::diag {
namespace {

/// Frames the rate is measured over: about two seconds of a 25 fps camera.
constexpr std::size_t kRateWindow = 50;

}  // namespace

void FrameTap::observe(const core::Frame& frame) {
    std::lock_guard lock(mutex_);
    // Frames read on several threads come back slightly out of order.
    if (!frame_ || frame.captured.monotonic >= frame_->captured.monotonic) frame_ = frame;
    times_.push_back(frame.captured.monotonic);
    while (times_.size() > kRateWindow) times_.pop_front();
    beat_ = std::chrono::steady_clock::now();
}

void FrameTap::beat() {
    std::lock_guard lock(mutex_);
    beat_ = std::chrono::steady_clock::now();
}

std::optional<TappedFrame> FrameTap::latest() const {
    std::lock_guard lock(mutex_);
    if (!frame_) return std::nullopt;
    TappedFrame tapped{*frame_, 0.0};
    if (times_.size() >= 2) {
        const auto [first, last] = std::minmax_element(times_.begin(), times_.end());
        const std::chrono::duration<double> span = *last - *first;
        if (span.count() > 0) tapped.fps = static_cast<double>(times_.size() - 1) / span.count();
    }
    return tapped;
}

std::optional<std::chrono::steady_clock::time_point> FrameTap::last_beat() const {
    std::lock_guard lock(mutex_);
    return beat_;
}

}  // namespace anpr::diag
