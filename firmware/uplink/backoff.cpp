#include "uplink/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace anpr::uplink {

Backoff::Backoff(double min_s, double max_s, std::uint64_t seed)
    : min_s_(min_s), max_s_(std::max(min_s, max_s)), random_(seed) {}

double Backoff::next(std::optional<double> retry_after_s) {
    // 2^failures stays finite: the cap is reached long before 60 doublings.
    const double base = std::min(max_s_, min_s_ * std::pow(2.0, std::min(failures_, 60)));
    ++failures_;
    std::uniform_real_distribution<double> upper_half(base / 2, base);
    const double pause = upper_half(random_);
    return std::min(max_s_, std::max(pause, retry_after_s.value_or(0.0)));
}

}  // namespace anpr::uplink
