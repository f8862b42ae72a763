#pragma once
/// Plate reads as the pipeline hands them to the tracker, for the tests.

#include <string>

#include "core/types.hpp"

namespace anpr::tracking::testing {

/// A read of `text` with one candidate, itself.
inline core::PlateRead plate_read(const std::string& text, float confidence, cv::Rect box = {},
                                  const std::string& country = "") {
    core::PlateRead read;
    read.text = text;
    read.country = country;
    read.confidence = confidence;
    read.box = box;
    read.candidates = {{text, confidence}};
    return read;
}

}  // namespace anpr::tracking::testing
