#include "diag/watchdog.hpp"

#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <utility>

#include "logging/logging.hpp"

namespace anpr::diag {

Watchdog::Watchdog(std::function<std::optional<std::chrono::steady_clock::time_point>()> last_beat,
                   std::function<std::string()> summary)
    : last_beat_(std::move(last_beat)), summary_(std::move(summary)) {
    notifying_ = std::getenv("NOTIFY_SOCKET") != nullptr;
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec);
}

Watchdog::~Watchdog() { stop(); }

void Watchdog::start() {
    if (!notifying_ || thread_.joinable()) return;
    sd_notify(0, "READY=1");
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
    if (interval_.count() > 0) {
        logging::logger("watchdog")
            ->info("systemd watchdog every {} ms: vouched for while the pipeline beats",
                   interval_.count() / 1000);
    }
}

void Watchdog::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    sd_notify(0, "STOPPING=1");
}

void Watchdog::status(std::ostream& out) const {
    out << "watchdog: ";
    if (!notifying_) {
        out << "not under systemd (no NOTIFY_SOCKET)";
    } else if (interval_.count() == 0) {
        out << "under systemd, no watchdog asked for (WatchdogSec=)";
    } else {
        out << "every " << interval_.count() / 1000 << " ms, " << pets_.load() << " sent, "
            << withheld_.load() << " withheld (pipeline silent)";
    }
}

void Watchdog::run() {
    // Twice per interval, as systemd advises; STATUS= every few seconds
    // without a watchdog.
    const auto period = interval_.count() > 0
                            ? std::chrono::duration_cast<std::chrono::milliseconds>(interval_ / 2)
                            : std::chrono::milliseconds(5000);
    bool silent = false;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, period, [this] { return stopping_; })) {
        lock.unlock();
        sd_notify(0, ("STATUS=" + summary_()).c_str());
        if (interval_.count() > 0) {
            const auto beat = last_beat_();
            // Before the first frame the unit is starting (models, camera):
            // vouch for it; afterwards only while it beats within the interval.
            if (!beat || std::chrono::steady_clock::now() - *beat < interval_) {
                sd_notify(0, "WATCHDOG=1");
                ++pets_;
                silent = false;
            } else {
                ++withheld_;
                if (!std::exchange(silent, true))
                    logging::logger("watchdog")
                        ->error(
                            "the pipeline has shown no life for over {} ms: systemd is no longer "
                            "told all is well",
                            interval_.count() / 1000);
            }
        }
        lock.lock();
    }
}

}  // namespace anpr::diag
