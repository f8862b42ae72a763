#include "timekeeping/clock_monitor.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "logging/logging.hpp"

namespace anpr::timekeeping {
namespace {

// Time daemons update every few seconds to a minute; looking more often
// than this gains nothing.
constexpr auto kPoll = std::chrono::seconds(10);

/// chrony's tracking, when chronyc answers; nothing otherwise.
std::optional<ChronyTracking> ask_chrony(const std::string& chronyc) {
    if (chronyc.empty() || ::access(chronyc.c_str(), X_OK) != 0) return std::nullopt;
    FILE* pipe = ::popen((chronyc + " -c -n tracking 2>/dev/null").c_str(), "re");
    if (!pipe) return std::nullopt;
    std::array<char, 512> line{};
    const bool read = std::fgets(line.data(), line.size(), pipe) != nullptr;
    ::pclose(pipe);
    return read ? parse_chrony_tracking(line.data()) : std::nullopt;
}

std::string describe(const ClockQuality& quality) {
    std::ostringstream out;
    out << source_name(quality.source);
    if (!quality.reference.empty()) out << " (" << quality.reference << ")";
    if (quality.error_ms)
        out << ", error at most " << std::fixed << std::setprecision(2) << *quality.error_ms
            << " ms";
    return out.str();
}

}  // namespace

ClockMonitor::ClockMonitor(double max_error_ms, std::string chronyc)
    : max_error_ms_(max_error_ms), chronyc_(std::move(chronyc)) {}

ClockMonitor::~ClockMonitor() { stop(); }

ClockQuality ClockMonitor::measure() const {
    timex kernel{};
    const int state = ::adjtimex(&kernel);
    return judge_clock(state, kernel, ask_chrony(chronyc_), max_error_ms_);
}

void ClockMonitor::update(const ClockQuality& quality) {
    std::lock_guard lock(mutex_);
    const bool changed = !judged_ || quality.source != current_.source ||
                         quality.fit_for_enforcement != current_.fit_for_enforcement;
    if (changed) {
        auto log = logging::logger("clock");
        if (quality.fit_for_enforcement) {
            log->info("clock: {}: reads fit for speed enforcement", describe(quality));
        } else {
            log->warn("clock: {}: reads marked unfit for speed enforcement (limit {} ms)",
                      describe(quality), max_error_ms_);
        }
    }
    current_ = quality;
    judged_ = true;
}

void ClockMonitor::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    update(measure());
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, kPoll, [this] { return stopping_; })) {
            lock.unlock();
            update(measure());
            lock.lock();
        }
    });
}

void ClockMonitor::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

ClockQuality ClockMonitor::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

void ClockMonitor::status(std::ostream& out) const {
    const ClockQuality quality = current();
    out << "clock: " << describe(quality) << "; "
        << (quality.fit_for_enforcement ? "fit" : "not fit") << " for speed enforcement";
}

}  // namespace anpr::timekeeping
