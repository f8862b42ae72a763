#pragma once
/// The clock service: looks at the kernel's synchronisation state and, when
/// chrony runs, at its tracking, every few seconds, and keeps the latest
/// quality for the records. A change of source or of fitness for speed
/// enforcement is logged.

#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "timekeeping/clock_quality.hpp"

namespace anpr::timekeeping {

class ClockMonitor {
  public:
    /// `max_error_ms`: the largest error fit for speed enforcement;
    /// `chronyc`: the chronyc program, "" to ask only the kernel.
    ClockMonitor(double max_error_ms, std::string chronyc = "/usr/bin/chronyc");
    ~ClockMonitor();
    ClockMonitor(const ClockMonitor&) = delete;
    ClockMonitor& operator=(const ClockMonitor&) = delete;

    std::string name() const { return "clock"; }
    /// Judges the clock once at once, then every poll interval on a thread.
    void start();
    void stop();
    ClockQuality current() const;
    void status(std::ostream& out) const;

  private:
    ClockQuality measure() const;
    void update(const ClockQuality& quality);

    double max_error_ms_;
    std::string chronyc_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    ClockQuality current_;
    bool judged_ = false;
    std::thread thread_;
};

}  // namespace anpr::timekeeping
