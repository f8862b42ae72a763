#pragma once
/// Distances on the Earth, for checking GPS fixes against the configured site.

namespace anpr::geo {

/// A point, WGS 84 degrees.
struct LatLon {
    double lat = 0.0;
    double lon = 0.0;
};

/// Great-circle (haversine) distance in metres on a sphere of the Earth's mean
/// radius: within 0.5 % of the ellipsoid, ample for telling a misplaced
/// unit (hundreds of metres) from GPS noise (metres).
double distance_m(LatLon a, LatLon b);

}  // namespace anpr::geo
