#pragma once
/// Readings of one plate region by several OCR engines, made into one list.

#include <vector>

#include "plates/plates.hpp"

namespace anpr::pipeline {

/// All engines' readings, one per text, best first. A text that several
/// engines propose is believed more: its confidence becomes 1 - prod(1 - c)
/// over their confidences (independent errors rarely agree); a text only
/// one proposes keeps its own.
std::vector<plates::Interpretation> merge_readings(
    const std::vector<std::vector<plates::Interpretation>>& per_engine);

}  // namespace anpr::pipeline
