#pragma once
/// Where and when the unit is, for each record it produces: the clock's
/// quality from the clock service, and the position from the GPS service's
/// current fix, or the configured one when there is none.

#include "config/app_config.hpp"
#include "geo/gps_service.hpp"
#include "geo/position.hpp"
#include "timekeeping/clock_monitor.hpp"
#include "uplink/read_record.hpp"

namespace anpr::app {

/// A record's "position" (docs/read-record.md): lat, lon and source; with a
/// fix also its mode, GPS time, heading, speed, error, satellites and how far
/// it lies from the configured site. Unknown values are left out.
nlohmann::ordered_json position_json(const geo::PositionSource& position);

class Whereabouts {
  public:
    /// `gps` may be null: the configured position only.
    Whereabouts(const config::AppConfig& config, const timekeeping::ClockMonitor& clock,
                const geo::GpsService* gps)
        : config_(config), clock_(clock), gps_(gps) {}

    /// Now, the clock's current quality and the position.
    uplink::RecordMoment moment() const;

  private:
    const config::AppConfig& config_;
    const timekeeping::ClockMonitor& clock_;
    const geo::GpsService* gps_;
};

}  // namespace anpr::app
