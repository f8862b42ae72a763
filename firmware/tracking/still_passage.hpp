#pragma once
/// A plate read on a still image, as a passage of one sighting: still images
/// and videos then give the central network records of one kind.

#include "core/types.hpp"
#include "tracking/passage.hpp"

namespace anpr::tracking {

/// `plate` read on `frame`: first, best and last sighting all that one read,
/// direction unknown, no lane, the plate cropped from the frame.
Passage still_passage(const core::Frame& frame, const core::PlateRead& plate);

}  // namespace anpr::tracking
