#include "capture/capture_thread.hpp"

#include "logging/logging.hpp"

namespace anpr::capture {
namespace {

// How long the reader waits for a frame before looking at `stop` again.
constexpr std::chrono::milliseconds kPoll{100};

}  // namespace

CaptureThread::CaptureThread(const Opener& open, const std::atomic<bool>& stop)
    : stop_(stop), source_(open(halt_)), thread_([this] { run(); }) {}

CaptureThread::~CaptureThread() {
    halt_ = true;
    if (thread_.joinable()) thread_.join();
}

void CaptureThread::run() {
    auto log = logging::logger("capture");
    while (!stop_ && !halt_) {
        auto frame = source_->next();
        if (!frame) {
            ++errors_;
            log->warn("skipping frame: {}", frame.error().message);
            continue;
        }
        if (!frame.value()) break;
        latest_.put(std::move(*frame.value()));
    }
    latest_.close();
}

core::Result<std::optional<core::Frame>> CaptureThread::next() {
    while (!stop_ && !halt_) {
        if (auto frame = latest_.take(kPoll)) return frame;
        if (latest_.closed()) break;
    }
    if (stop_) halt_ = true;  // the source's waits end too
    return std::optional<core::Frame>{};
}

SourceCounters CaptureThread::counters() const {
    SourceCounters counters = source_->counters();
    counters.dropped += latest_.dropped();
    counters.errors += errors_;
    return counters;
}

}  // namespace anpr::capture
