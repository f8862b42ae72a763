#pragma once
/// One position report from the GPS receiver, as gpsd passed it on: what a
/// read record carries as evidence of where and when it was made.

#include <chrono>
#include <cmath>
#include <string_view>

namespace anpr::geo {

struct GeoFix {
    /// gpsd's fix modes; `none` when the receiver reports but has no fix.
    enum class Mode { none, fix_2d, fix_3d };

    Mode mode = Mode::none;
    double lat = NAN;          ///< WGS 84 degrees, north positive
    double lon = NAN;          ///< WGS 84 degrees, east positive
    double altitude_m = NAN;   ///< above mean sea level; NaN if unknown (2D fix)
    double heading_deg = NAN;  ///< course over ground, true north; NaN if unknown
    double speed_mps = NAN;    ///< NaN if unknown
    /// Estimated horizontal error (gpsd's eph, else from epx and epy); NaN if unknown.
    double horizontal_error_m = NAN;
    /// The fix's own time, from the receiver: the evidence time, independent of
    /// the unit's clock. The epoch when the receiver gave none.
    std::chrono::system_clock::time_point gps_time;
    /// When the unit received the report: for staleness, immune to clock steps.
    std::chrono::steady_clock::time_point received;
    int satellites_used = 0;  ///< 0 until gpsd reports the sky

    bool has_position() const { return mode != Mode::none; }
};

/// "none", "2d" or "3d", for logs, status and records.
constexpr std::string_view to_string(GeoFix::Mode mode) {
    switch (mode) {
        case GeoFix::Mode::fix_2d:
            return "2d";
        case GeoFix::Mode::fix_3d:
            return "3d";
        case GeoFix::Mode::none:
            break;
    }
    return "none";
}

}  // namespace anpr::geo
