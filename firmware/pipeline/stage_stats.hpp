#pragma once
/// The unit's recent stage times (pipeline/stage_times.hpp), kept for its
/// logs and the diagnostics: median and 95th percentile over the last frames.

#include <cstddef>
#include <deque>
#include <string>

#include "pipeline/stage_times.hpp"

namespace anpr::pipeline {

class StageStats {
  public:
    /// Keeps the times of the last `frames` frames.
    explicit StageStats(std::size_t frames = 1000) : capacity_(frames) {}

    void add(const StageTimes& times);

    struct Summary {
        double median_ms = 0;
        double p95_ms = 0;
    };
    Summary localize() const { return summary(localize_); }
    Summary read() const { return summary(read_); }
    Summary formats() const { return summary(formats_); }
    Summary frame() const { return summary(frame_); }  ///< the three together
    std::size_t frames() const { return frame_.size(); }

    /// "localize 14.9/21.0 ms, read 8.7/19.2 ms, formats 0.1/0.1 ms, frame
    /// 24.8/38.3 ms (median/p95 over the last 1000 frames)".
    std::string line() const;

  private:
    void keep(std::deque<double>& values, double value) const;
    static Summary summary(const std::deque<double>& values);

    std::size_t capacity_;
    std::deque<double> localize_, read_, formats_, frame_;
};

}  // namespace anpr::pipeline
