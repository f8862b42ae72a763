#pragma once
/// How long the GPS service waits before trying gpsd again.

#include <algorithm>
#include <chrono>

namespace anpr::geo {

/// 0.5 s after the first failed attempt, doubled after each further one, at
/// most 10 s: a restarting gpsd is found again at once, a missing one is not
/// knocked on many times a second.
inline std::chrono::milliseconds reconnect_delay(int failed_attempts) {
    constexpr std::chrono::milliseconds first{500};
    constexpr std::chrono::milliseconds cap{10'000};
    const int doublings = std::clamp(failed_attempts - 1, 0, 5);  // 0.5 s * 2^5 > cap
    return std::min(first * (1 << doublings), cap);
}

}  // namespace anpr::geo
