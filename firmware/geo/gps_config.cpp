#include "geo/gps_config.hpp"

#include <cmath>

#include "geo/gpsd_address.hpp"

namespace anpr::geo {

core::Status check_gps_config(const GpsConfig& config) {
    if (!config.gpsd.empty()) {
        if (auto address = parse_gpsd_address(config.gpsd); !address) {
            return core::Error{"gps.gpsd: " + address.error().message};
        }
    }
    if (!std::isfinite(config.max_age_s) || config.max_age_s <= 0.f) {
        return core::Error{"gps.max_age_s: must be more than 0 s"};
    }
    if (!std::isfinite(config.max_site_distance_m) || config.max_site_distance_m <= 0.f) {
        return core::Error{"gps.max_site_distance_m: must be more than 0 m"};
    }
    return core::Ok{};
}

}  // namespace anpr::geo
