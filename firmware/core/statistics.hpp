#pragma once
/// Summaries of measured values (times, sizes).

#include <algorithm>
#include <cmath>
#include <vector>

namespace anpr::core {

/// Nearest-rank percentile: the smallest value with at least `fraction`
/// (0..1] of all values at or below it; 0 for no values.
inline double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

}  // namespace anpr::core
