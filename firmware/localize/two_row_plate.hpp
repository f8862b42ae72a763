#pragma once
/// Two-line (square) plates of which one line was found on its own. The
/// detector outlines only one line of a two-line plate; a row of characters
/// right under or over it, as tall and centred on it, is the other line.

#include <optional>

#include "core/types.hpp"

namespace anpr::localize {

/// The two-line plate made of `row` (a text-row candidate, quad around the
/// row as the classic localizer cuts it) and the row of at least two
/// characters just below it (else just above it), of the same height and
/// within its width; the quad covers both rows with `row`'s margins, scored
/// as `row`. Nothing when no such row is there.
std::optional<core::PlateCandidate> two_row_plate(const core::Frame& frame,
                                                  const core::PlateCandidate& row);

}  // namespace anpr::localize
