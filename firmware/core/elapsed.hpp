#pragma once
/// Time spent since a moment, for stage timings and benchmarks.

#include <chrono>

namespace anpr::core {

/// Milliseconds on the monotonic clock since `start`.
inline double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

}  // namespace anpr::core
