#include "capture/stream_source.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "logging/logging.hpp"

namespace anpr::capture {
namespace {

constexpr std::string_view kCameraScheme = "v4l2://";

std::shared_ptr<spdlog::logger> capture_log() { return logging::logger("capture"); }

}  // namespace

bool is_live_source(const std::string& source) {
    for (const std::string_view scheme :
         {"rtsp://", "rtsps://", "http://", "https://", "v4l2://"}) {
        if (source.rfind(scheme, 0) == 0) return true;
    }
    return false;
}

StreamSource::StreamSource(const config::CaptureConfig& config, const std::atomic<bool>& stop)
    : url_(config.source.rfind(kCameraScheme, 0) == 0 ? config.source.substr(kCameraScheme.size())
                                                      : config.source),
      kind_(config.source.rfind(kCameraScheme, 0) == 0 ? VideoFile::LiveKind::camera
                                                       : VideoFile::LiveKind::stream),
      config_(config),
      stop_(stop),
      backoff_s_(config.reconnect_min_s) {}

std::string StreamSource::description() const {
    return (kind_ == VideoFile::LiveKind::camera ? "camera '" : "stream '") + url_ + "'";
}

void StreamSource::lose(const std::string& why) {
    if (!lost_) {
        lost_ = true;
        ++outages_;
        capture_log()->warn("source lost (outage {}): {}; trying again", outages_.load(), why);
    } else {
        capture_log()->debug("source still unavailable: {}", why);
    }
}

void StreamSource::back_off() {
    const auto until = std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double>(backoff_s_));
    while (!stop_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    backoff_s_ = std::min(backoff_s_ * 2, static_cast<double>(config_.reconnect_max_s));
}

core::Result<std::optional<core::Frame>> StreamSource::next() {
    while (!stop_) {
        if (!input_) {
            auto opened = VideoFile::open_live(
                url_, kind_,
                std::chrono::milliseconds(static_cast<int>(config_.stream_timeout_s * 1000)));
            if (!opened) {
                ++failed_opens_;
                lose(opened.error().message);
                back_off();
                continue;
            }
            input_.emplace(std::move(opened).value());
            if (lost_) {
                capture_log()->info("{} back after outage {}", description(), outages_.load());
            }
            lost_ = false;
            backoff_s_ = config_.reconnect_min_s;
        }
        auto frame = input_->next();
        // A damaged frame is the caller's to count; the stream goes on. It
        // is lost when it ends (a read error ends it after that error).
        if (!frame) return frame.error();
        if (frame.value()) {
            frame.value()->index = frames_++;
            return frame;
        }
        lose(description() + ": the stream ended");
        input_.reset();
        back_off();
    }
    return std::optional<core::Frame>{};
}

}  // namespace anpr::capture
