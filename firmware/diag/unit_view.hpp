#pragma once
/// What the diagnostics shell and the metrics may look at in the running
/// unit: its config, services and live counts. Pointers the unit owns and
/// keeps alive while the shell and metrics run; optional ones are null when
/// the unit runs without that service.

#include <functional>
#include <string>

#include "capture/frame_source.hpp"
#include "config/app_config.hpp"
#include "core/unit_counters.hpp"
#include "diag/frame_tap.hpp"
#include "diag/recent_passages.hpp"
#include "diag/service_registry.hpp"
#include "diag/shell_server.hpp"
#include "geo/gps_service.hpp"
#include "hitlist/hitlist_service.hpp"
#include "timekeeping/clock_monitor.hpp"
#include "uplink/outbox.hpp"
#include "uplink/uplink.hpp"

namespace anpr::diag {

struct UnitView {
    const config::AppConfig* config = nullptr;
    const ServiceRegistry* services = nullptr;
    const core::UnitCounters* counters = nullptr;
    const capture::FrameSource* source = nullptr;
    const FrameTap* frames = nullptr;
    const RecentPassages* recent = nullptr;
    uplink::Outbox* outbox = nullptr;
    uplink::Uplink* uplink = nullptr;                  ///< null: no uplink.url
    const hitlist::HitlistService* hitlist = nullptr;  ///< null: no hit list
    const geo::GpsService* gps = nullptr;
    const timekeeping::ClockMonitor* clock = nullptr;
    /// The commissioning report on the unit's recent frames and services,
    /// and whether no check failed.
    std::function<std::pair<bool, std::string>()> selftest;
    /// The unit's metrics in Prometheus' text format.
    std::function<std::string()> metrics;
    const ShellServer* shell = nullptr;  ///< null: no shell (set once it listens)
};

}  // namespace anpr::diag
