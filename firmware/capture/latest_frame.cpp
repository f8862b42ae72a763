#include "capture/latest_frame.hpp"

namespace anpr::capture {

void LatestFrame::put(core::Frame frame) {
    {
        const std::lock_guard lock(mutex_);
        if (frame_) ++dropped_;
        frame_ = std::move(frame);
    }
    arrived_.notify_one();
}

std::optional<core::Frame> LatestFrame::take(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, wait, [this] { return frame_.has_value() || closed_; });
    std::optional<core::Frame> taken = std::move(frame_);
    frame_.reset();
    return taken;
}

void LatestFrame::close() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = true;
    }
    arrived_.notify_all();
}

bool LatestFrame::closed() const {
    const std::lock_guard lock(mutex_);
    return closed_ && !frame_;
}

std::uint64_t LatestFrame::dropped() const {
    const std::lock_guard lock(mutex_);
    return dropped_;
}

}  // namespace anpr::capture
