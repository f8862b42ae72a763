#pragma once
/// The character rows inside a detected plate: the classic localizer run on
/// the region around it. The detector's outline can fall a little inside a
/// long plate and cut its last character; the row of characters it holds is
/// where the text really ends.

#include <vector>

#include "config/app_config.hpp"
#include "core/types.hpp"

namespace anpr::localize {

/// Text-row candidates (classic localizer quads, see classic_localizer.hpp)
/// in the region around `plate`, in frame pixels, best first, at most two,
/// each scored 1 - (1 - plate's score)(1 - row's score). Empty when no row of
/// characters is there.
std::vector<core::PlateCandidate> text_rows_in_plate(const core::Frame& frame,
                                                     const core::PlateCandidate& plate,
                                                     const config::LocalizeConfig& config);

}  // namespace anpr::localize
