#pragma once
/// One vehicle's passage in front of the camera: what the unit reports for a
/// video or stream, once per vehicle rather than once per frame.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.hpp"

namespace anpr::tracking {

/// Which way the vehicle moved, from its plate growing or shrinking.
enum class Direction { unknown, approaching, receding };

/// "approaching", "receding" or "unknown".
std::string_view direction_name(Direction direction);

/// The plate read in one frame of the passage.
struct Sighting {
    std::uint64_t frame = 0;  ///< the frame's index in its source
    core::Timestamp time;
    core::PlateRead read;
    std::string lane;  ///< config [lanes]; "" when none is set
};

/// When the plate's centre crossed the timing line (tracking.timing_line).
struct LineCrossing {
    int row = 0;                     ///< the line, in frame pixels from the top
    std::uint64_t frame_before = 0;  ///< the last sighting before the plate reached the line
    std::uint64_t frame_after = 0;   ///< the first one at or past it
    core::Timestamp time;            ///< interpolated between the two
    /// Bound on the time's error, s: the crossing happened between the two
    /// sightings, so it is at most the longer part of that interval.
    double error_s = 0;
};

struct Passage {
    std::string source;  ///< the video, stream or folder
    std::string text;    ///< voted over the frames (tracking/vote.hpp)
    std::string display;
    std::string country;
    float confidence = 0.f;
    std::vector<core::TextCandidate> candidates;  ///< best first, the text included
    Sighting first;                               ///< the first frame the plate was read in
    Sighting last;                                ///< the last one
    Sighting best;                                ///< the most confident read
    std::optional<LineCrossing> line;             ///< none: not read on both sides of the line
    cv::Mat best_crop;  ///< the plate in the best frame, BGR, with a margin
    Direction direction = Direction::unknown;
    std::string lane;  ///< the lane it was read in most; "" when no lane is set
    int frames_read = 0;
};

}  // namespace anpr::tracking
