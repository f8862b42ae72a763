#include "geo/position.hpp"

namespace anpr::geo {

PositionSource position_for_record(const std::optional<GeoFix>& fix, LatLon site,
                                   double max_site_distance_m) {
    PositionSource position;
    if (!fix || !fix->has_position()) {
        position.lat = site.lat;
        position.lon = site.lon;
        return position;
    }
    position.lat = fix->lat;
    position.lon = fix->lon;
    position.source = PositionSource::Source::gps;
    position.fix = fix;
    position.distance_from_site_m = distance_m(site, {fix->lat, fix->lon});
    position.far_from_site = position.distance_from_site_m > max_site_distance_m;
    return position;
}

}  // namespace anpr::geo
