#pragma once
/// The text a vehicle's plate was read as, voted over the frames it was seen in.

#include <vector>

#include "core/types.hpp"
#include "plates/plates.hpp"

namespace anpr::tracking {

/// What the frames of one passage agree on.
struct Vote {
    std::string text;                             ///< empty only when there were no reads
    std::string display;                          ///< the country's printed form
    std::string country;                          ///< "" when no format fits
    float confidence = 0.f;                       ///< a ranking score, 0..1 (see vote())
    std::vector<core::TextCandidate> candidates;  ///< best first, the text included
};

/// Votes over `reads`, each frame's reading weighing with its confidence
/// (not its runners-up): the text length most weight agrees on, then per position
/// the character with most weight; the per-position votes then go through
/// plates::interpret, so that a country's format settles look-alikes. The
/// country is the one the frames read the winning text with, where they did
/// (they saw the plate's colour). Confidence: the winning interpretation's,
/// from the shares of the vote each character won, times the best read's.
Vote vote(const std::vector<core::PlateRead>& reads, const plates::PlatesConfig& config);

}  // namespace anpr::tracking
