#include "app/whereabouts.hpp"

#include <cmath>

#include "uplink/read_json.hpp"

namespace anpr::app {
namespace {

// Seven decimals of a degree: about a centimetre; tenths of metres, degrees
// and m/s: finer than any fix.
double rounded(double value, double scale) { return std::round(value * scale) / scale; }

}  // namespace

nlohmann::ordered_json position_json(const geo::PositionSource& position) {
    nlohmann::ordered_json json{{"lat", rounded(position.lat, 1e7)},
                                {"lon", rounded(position.lon, 1e7)},
                                {"source", std::string(geo::to_string(position.source))}};
    if (!position.fix) return json;
    const geo::GeoFix& fix = *position.fix;
    json["fix"] = std::string(geo::to_string(fix.mode));
    if (fix.gps_time.time_since_epoch().count() != 0)
        json["gps_utc"] = uplink::iso8601_utc(fix.gps_time);
    if (std::isfinite(fix.heading_deg)) json["heading_deg"] = rounded(fix.heading_deg, 10);
    if (std::isfinite(fix.speed_mps)) json["speed_mps"] = rounded(fix.speed_mps, 10);
    if (std::isfinite(fix.horizontal_error_m)) {
        json["horizontal_error_m"] = rounded(fix.horizontal_error_m, 10);
    }
    json["satellites"] = fix.satellites_used;
    json["distance_from_site_m"] = rounded(position.distance_from_site_m, 10);
    json["far_from_site"] = position.far_from_site;
    return json;
}

uplink::RecordMoment Whereabouts::moment() const {
    const geo::LatLon site{config_.unit.latitude, config_.unit.longitude};
    const auto fix = gps_ ? gps_->current() : std::nullopt;
    const auto position = geo::position_for_record(fix, site, config_.gps.max_site_distance_m);
    return {std::chrono::system_clock::now(), clock_.current(), position_json(position)};
}

}  // namespace anpr::app
