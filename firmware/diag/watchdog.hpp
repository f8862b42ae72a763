#pragma once
/// systemd's service protocol (sd_notify): READY=1 once the unit reads,
/// WATCHDOG=1 while its pipeline shows life, STATUS= with what it has done,
/// STOPPING=1 at the end. Under systemd with WatchdogSec=, a pipeline that
/// stops beating (a hung frame, a wedged model) is no longer vouched for and
/// systemd restarts the unit. Outside systemd (no NOTIFY_SOCKET) it is idle.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "core/counter.hpp"

namespace anpr::diag {

class Watchdog {
  public:
    /// `last_beat`: when the pipeline last showed life (FrameTap::last_beat);
    /// `summary`: a short STATUS= line.
    Watchdog(std::function<std::optional<std::chrono::steady_clock::time_point>()> last_beat,
             std::function<std::string()> summary);
    ~Watchdog();
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

    std::string name() const { return "watchdog"; }
    /// Sends READY=1 and, when systemd asked for a watchdog, starts petting it.
    void start();
    /// Sends STOPPING=1.
    void stop();
    void status(std::ostream& out) const;

  private:
    void run();

    std::function<std::optional<std::chrono::steady_clock::time_point>()> last_beat_;
    std::function<std::string()> summary_;
    bool notifying_ = false;                 ///< NOTIFY_SOCKET is set
    std::chrono::microseconds interval_{0};  ///< WATCHDOG_USEC; 0: no watchdog
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
    core::Counter pets_;
    core::Counter withheld_;  ///< times the pipeline was too quiet to vouch for
};

}  // namespace anpr::diag
