#pragma once
/// The timing line: a row of the picture where a passage's time is taken for
/// section control. Two units a known distance apart time a vehicle where its
/// plate crosses their lines, so the time between the two is the time it took
/// to drive from one line to the other, wherever in the picture each unit
/// read it best.

#include <cstdint>
#include <optional>
#include <vector>

#include "tracking/passage.hpp"

namespace anpr::tracking {

/// Where the plate's centre came to `row` among a passage's sightings,
/// interpolated linearly between the sighting before and the one after.
/// Nothing when no two consecutive sightings lie on either side of the row
/// (the plate was not read on both sides of the line); the first crossing
/// when there are several (a plate standing on the line).
std::optional<LineCrossing> line_crossing(const std::vector<Sighting>& sightings, int row);

}  // namespace anpr::tracking
