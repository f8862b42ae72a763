#pragma once
/// What the diagnostics show of the GPS service.

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "geo/fix_tracker.hpp"
#include "geo/geo_fix.hpp"

namespace anpr::geo {

struct GpsStatus {
    std::string gpsd;            ///< "host:port"; empty when no GPS is configured
    bool connected = false;      ///< a gpsd session is open
    std::optional<GeoFix> last;  ///< the latest position report, usable or not
    bool usable = false;         ///< `last` is a fix fresh enough for records
    FixCounts counts;
    bool far_from_site = false;             ///< the latest fix is too far from the site
    std::optional<double> site_distance_m;  ///< from the site to the latest fix
    std::uint64_t gpsd_outages = 0;         ///< periods without gpsd (refused or lost)
    std::uint64_t gpsd_restarts = 0;        ///< outages that ended with a new session
    std::string last_error;                 ///< why the latest outage began
};

/// The status as people read it in the diagnostics shell; `now` gives the
/// age of the latest report.
void write_status(std::ostream& out, const GpsStatus& status,
                  std::chrono::steady_clock::time_point now);

}  // namespace anpr::geo
