#pragma once
/// Classic plate localizer: finds rows of character-like blobs (MSER regions
/// of plausible shape, similar height, on one line) and proposes the plate
/// around each row. Text rows, not plate outlines, are what it looks for:
/// plate borders are often missing, dirty or merged with the bumper, while
/// the characters are what the reader needs anyway.

#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::localize {

/// Plate candidates in `frame`, best first, at most `config.max_candidates`.
/// Each candidate's quad is the plate's text row with a margin, rotated with it.
core::Result<std::vector<core::PlateCandidate>> localize_classic(
    const core::Frame& frame, const config::LocalizeConfig& config);

/// Heights, in frame pixels, of the characters looked for.
struct CharacterHeights {
    double min = 0;
    double max = 0;
};

/// The same search for characters of the given heights only: where the plate
/// is known, a narrow range saves most of the work (MSER's cost grows with
/// the largest region it keeps).
core::Result<std::vector<core::PlateCandidate>> localize_classic(
    const core::Frame& frame, const config::LocalizeConfig& config, CharacterHeights heights);

}  // namespace anpr::localize
