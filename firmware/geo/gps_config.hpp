#pragma once
/// Settings of the GPS service.

#include <string>

#include "core/result.hpp"

namespace anpr::geo {

struct GpsConfig {
    /// gpsd to read, "host:port" (e.g. "127.0.0.1:2947"); empty: no GPS, every
    /// record carries the configured position.
    std::string gpsd = "";
    /// A fix older than this is not used: the receiver or gpsd has gone quiet.
    float max_age_s = 2.f;
    /// A fix farther than this from the configured position is flagged and
    /// logged: either the GPS or the configured position is wrong.
    float max_site_distance_m = 200.f;
};

/// An Error naming the setting ("gps.gpsd", "gps.max_age_s", ...) when one is
/// out of range, for the config loader to report with the others.
core::Status check_gps_config(const GpsConfig& config);

}  // namespace anpr::geo
