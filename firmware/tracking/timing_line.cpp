#include "tracking/timing_line.hpp"

#include <algorithm>
#include <chrono>

namespace anpr::tracking {
namespace {

double centre_row(const Sighting& sighting) {
    return sighting.read.box.y + sighting.read.box.height / 2.0;
}

template <typename TimePoint>
TimePoint between(TimePoint from, TimePoint to, double share) {
    const auto span = std::chrono::duration<double>(to - from);
    return from + std::chrono::duration_cast<typename TimePoint::duration>(span * share);
}

}  // namespace

std::optional<LineCrossing> line_crossing(const std::vector<Sighting>& sightings, int row) {
    for (std::size_t i = 1; i < sightings.size(); ++i) {
        const Sighting& before = sightings[i - 1];
        const Sighting& after = sightings[i];
        const double from = centre_row(before) - row;
        const double to = centre_row(after) - row;
        // Off the line, then on it or past it, coming down or going up.
        const bool reached = (from < 0 && to >= 0) || (from > 0 && to <= 0);
        if (!reached) continue;
        const double share = from / (from - to);
        LineCrossing crossing;
        crossing.row = row;
        crossing.frame_before = before.frame;
        crossing.frame_after = after.frame;
        crossing.time = {between(before.time.monotonic, after.time.monotonic, share),
                         between(before.time.utc, after.time.utc, share)};
        const double interval =
            std::chrono::duration<double>(after.time.monotonic - before.time.monotonic).count();
        crossing.error_s = interval * std::max(share, 1 - share);
        return crossing;
    }
    return std::nullopt;
}

}  // namespace anpr::tracking
