#pragma once
/// Pauses between failed deliveries: doubled after each failure from a
/// minimum to a cap, each drawn at random from its upper half, so that many
/// units coming back after a central outage do not all knock at once.

#include <cstdint>
#include <optional>
#include <random>

namespace anpr::uplink {

class Backoff {
  public:
    Backoff(double min_s, double max_s, std::uint64_t seed);

    /// The pause after one more failure, s; at least `retry_after_s` when the
    /// receiver asked for it, never more than the cap.
    double next(std::optional<double> retry_after_s = std::nullopt);
    /// A success: the next failure starts again from the minimum.
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }

  private:
    double min_s_;
    double max_s_;
    int failures_ = 0;
    std::mt19937_64 random_;
};

}  // namespace anpr::uplink
