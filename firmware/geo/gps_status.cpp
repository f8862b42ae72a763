#include "geo/gps_status.hpp"

#include <fmt/format.h>
#include <time.h>

#include <cmath>
#include <ctime>
#include <string>

namespace anpr::geo {

namespace {

/// ISO 8601 in UTC to the millisecond, as the records show times.
std::string utc(std::chrono::system_clock::time_point time) {
    const auto ms = std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count();
    const auto seconds = static_cast<std::time_t>(ms / 1000);
    std::tm fields{};
    gmtime_r(&seconds, &fields);
    char date_time[24];
    std::strftime(date_time, sizeof date_time, "%Y-%m-%dT%H:%M:%S", &fields);
    return fmt::format("{}.{:03}Z", date_time, ms % 1000);
}

void write_fix(std::ostream& out, const GeoFix& fix, bool usable,
               std::chrono::steady_clock::time_point now) {
    const std::chrono::duration<double> age = now - fix.received;
    out << "  fix: " << to_string(fix.mode) << (usable ? "" : " (not used)");
    if (fix.has_position()) {
        out << fmt::format(" {:.6f}, {:.6f}", fix.lat, fix.lon);
        if (std::isfinite(fix.horizontal_error_m)) {
            out << fmt::format(" (error {:.0f} m)", fix.horizontal_error_m);
        }
        out << ", " << fix.satellites_used << " satellites";
    }
    out << fmt::format(", gps time {}, {:.1f} s ago\n", utc(fix.gps_time), age.count());
}

}  // namespace

void write_status(std::ostream& out, const GpsStatus& status,
                  std::chrono::steady_clock::time_point now) {
    if (status.gpsd.empty()) {
        out << "gps: no gpsd configured, records carry the configured position\n";
        return;
    }
    out << "gps: gpsd " << status.gpsd << (status.connected ? " connected" : " NOT connected")
        << "\n";
    if (status.last) {
        write_fix(out, *status.last, status.usable, now);
    } else {
        out << "  fix: none yet\n";
    }
    if (status.site_distance_m) {
        out << fmt::format("  site: {:.0f} m from the configured position{}\n",
                           *status.site_distance_m,
                           status.far_from_site ? ", TOO FAR: check the unit's position" : "");
    }
    out << fmt::format(
        "  counts: {} fixes, {} fix losses, {} far from site, {} gpsd outages, {} gpsd "
        "restarts\n",
        status.counts.fixes, status.counts.fix_losses, status.counts.far_from_site,
        status.gpsd_outages, status.gpsd_restarts);
    if (!status.last_error.empty()) out << "  last gpsd error: " << status.last_error << "\n";
}

}  // namespace anpr::geo
