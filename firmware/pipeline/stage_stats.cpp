#include "pipeline/stage_stats.hpp"

#include <cstdio>
#include <vector>

#include "core/statistics.hpp"

namespace anpr::pipeline {

void StageStats::keep(std::deque<double>& values, double value) const {
    values.push_back(value);
    while (values.size() > capacity_) values.pop_front();
}

void StageStats::add(const StageTimes& times) {
    keep(localize_, times.localize_ms);
    keep(read_, times.read_ms);
    keep(formats_, times.formats_ms);
    keep(frame_, times.localize_ms + times.read_ms + times.formats_ms);
}

StageStats::Summary StageStats::summary(const std::deque<double>& values) {
    const std::vector<double> all(values.begin(), values.end());
    return {core::percentile(all, 0.5), core::percentile(all, 0.95)};
}

std::string StageStats::line() const {
    char text[256];
    const auto l = localize(), r = read(), f = formats(), t = frame();
    std::snprintf(text, sizeof text,
                  "localize %.1f/%.1f ms, read %.1f/%.1f ms, formats %.1f/%.1f ms, frame %.1f/%.1f "
                  "ms (median/p95 over the last %zu frames)",
                  l.median_ms, l.p95_ms, r.median_ms, r.p95_ms, f.median_ms, f.p95_ms, t.median_ms,
                  t.p95_ms, frames());
    return text;
}

}  // namespace anpr::pipeline
