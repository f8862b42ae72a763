#include "tracking/still_passage.hpp"

#include "tracking/plate_crop.hpp"

namespace anpr::tracking {

Passage still_passage(const core::Frame& frame, const core::PlateRead& plate) {
    const Sighting sighting{frame.index, frame.captured, plate, {}};
    Passage passage;
    passage.source = frame.source;
    passage.text = plate.text;
    passage.display = plate.display;
    passage.country = plate.country;
    passage.confidence = plate.confidence;
    passage.candidates = plate.candidates;
    passage.first = sighting;
    passage.last = sighting;
    passage.best = sighting;
    passage.best_crop = plate_crop(frame.image, plate.box);
    passage.frames_read = 1;
    return passage;
}

}  // namespace anpr::tracking
