#pragma once
/// Which position a read record carries: the current GPS fix when there is
/// one, else the configured site, and how far the fix is from that site.

#include <optional>
#include <string_view>

#include "geo/distance.hpp"
#include "geo/geo_fix.hpp"

namespace anpr::geo {

struct PositionSource {
    enum class Source { gps, config };

    double lat = 0.0;  ///< WGS 84 degrees
    double lon = 0.0;
    Source source = Source::config;
    /// The fix itself (mode, heading, speed, horizontal error, GPS time,
    /// satellites) when `source` is gps.
    std::optional<GeoFix> fix;
    /// From the configured site to the fix; 0 for the configured position.
    double distance_from_site_m = 0.0;
    /// The fix is farther than allowed from the configured site: one of the
    /// two is wrong, and the record says so.
    bool far_from_site = false;
};

/// "gps" or "config", as records and status show it.
constexpr std::string_view to_string(PositionSource::Source source) {
    return source == PositionSource::Source::gps ? "gps" : "config";
}

/// The position for a record made now: `fix` is GpsService::current() (a real,
/// fresh fix or nullopt); `site` the configured position.
PositionSource position_for_record(const std::optional<GeoFix>& fix, LatLon site,
                                   double max_site_distance_m);

}  // namespace anpr::geo
