#include "geo/distance.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace anpr::geo {

namespace {
constexpr double earth_radius_m = 6'371'008.8;  // IUGG mean radius

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
}  // namespace

double distance_m(LatLon a, LatLon b) {
    const double dlat = radians(b.lat - a.lat);
    const double dlon = radians(b.lon - a.lon);
    const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(radians(a.lat)) *
                                                           std::cos(radians(b.lat)) *
                                                           std::pow(std::sin(dlon / 2), 2);
    // Rounding can push h a hair past 1 for antipodes: asin would return NaN.
    return 2 * earth_radius_m * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

}  // namespace anpr::geo
