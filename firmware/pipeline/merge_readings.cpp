#include "pipeline/merge_readings.hpp"

#include <algorithm>

namespace anpr::pipeline {

std::vector<plates::Interpretation> merge_readings(
    const std::vector<std::vector<plates::Interpretation>>& per_engine) {
    std::vector<plates::Interpretation> merged;
    for (const auto& readings : per_engine) {
        for (const auto& reading : readings) {
            auto same = std::find_if(merged.begin(), merged.end(),
                                     [&](const auto& m) { return m.text == reading.text; });
            if (same == merged.end()) {
                merged.push_back(reading);
                continue;
            }
            const float agreed = 1.f - (1.f - same->confidence) * (1.f - reading.confidence);
            // Country and display go with the more confident engine's reading.
            if (reading.confidence > same->confidence) *same = reading;
            same->confidence = agreed;
        }
    }
    std::stable_sort(merged.begin(), merged.end(),
                     [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
    return merged;
}

}  // namespace anpr::pipeline
