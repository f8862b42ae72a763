#pragma once
/// Where the time of one frame went, stage by stage, for benchmarks and diagnostics.

#include <chrono>
#include <vector>

#include "core/elapsed.hpp"

namespace anpr::pipeline {

struct StageTimes {
    double localize_ms = 0;
    double read_ms = 0;     ///< rectifying and reading every candidate
    double formats_ms = 0;  ///< plates::interpret over every candidate
    /// Rectifying and reading each candidate with glyphs, which the readers were run on.
    std::vector<double> region_read_ms;
};

/// Adds the time from its construction to its end to `*total_ms` (if not null).
class StageTimer {
  public:
    explicit StageTimer(double* total_ms)
        : total_ms_(total_ms), start_(std::chrono::steady_clock::now()) {}
    ~StageTimer() {
        if (total_ms_ != nullptr) {
            *total_ms_ += core::ms_since(start_);
        }
    }
    StageTimer(const StageTimer&) = delete;
    StageTimer& operator=(const StageTimer&) = delete;

  private:
    double* total_ms_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace anpr::pipeline
