#pragma once
/// Everything the running unit offers technicians and the fleet beside its
/// reads: the diagnostics shell with its commands and audit trail, the
/// self-test on what the camera films now, metrics for Prometheus and the
/// systemd watchdog (docs/diagnostics.md). None of it can stop the unit:
/// a shell or metrics address that cannot be bound is logged and left off.

#include <memory>

#include "app/audit_trail.hpp"
#include "diag/frame_tap.hpp"
#include "diag/metrics_server.hpp"
#include "diag/recent_passages.hpp"
#include "diag/selftest_collector.hpp"
#include "diag/service_registry.hpp"
#include "diag/shell_server.hpp"
#include "diag/unit_view.hpp"
#include "diag/watchdog.hpp"

namespace anpr::app {

/// The services the unit runs, for the diagnostics; null where it runs without one.
struct UnitServices {
    capture::FrameSource& source;
    uplink::Outbox& outbox;
    uplink::Uplink* uplink;
    hitlist::HitlistService* hitlist;
    geo::GpsService& gps;
    timekeeping::ClockMonitor& clock;
};

class UnitDiagnostics {
  public:
    UnitDiagnostics(const config::AppConfig& config, const core::UnitCounters& counters,
                    const UnitServices& services, const RecordMaker& maker);
    ~UnitDiagnostics();

    /// What the pipeline shows the diagnostics of each frame.
    diag::FrameTap& frames() { return frames_; }
    diag::SelftestCollector& collector() { return collector_; }
    diag::RecentPassages& recent() { return recent_; }

    /// The shell and metrics (when configured) and the watchdog.
    void start();
    /// Before the services they look at stop.
    void stop();

  private:
    std::pair<bool, std::string> selftest() const;
    std::string summary() const;

    const config::AppConfig& config_;
    const core::UnitCounters& counters_;
    UnitServices services_;
    diag::FrameTap frames_;
    diag::SelftestCollector collector_;
    diag::RecentPassages recent_;
    diag::ServiceRegistry registry_;
    diag::UnitView view_;
    diag::CommandTable commands_;
    AuditTrail audit_;
    std::unique_ptr<diag::ShellServer> shell_;
    std::unique_ptr<diag::MetricsServer> metrics_;
    diag::Watchdog watchdog_;
};

}  // namespace anpr::app
