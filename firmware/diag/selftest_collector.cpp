#include "diag/selftest_collector.hpp"

#include <algorithm>

namespace anpr::diag {
namespace {

template <class T>
std::optional<double> median(std::vector<T> values) {
    if (values.empty()) return std::nullopt;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return static_cast<double>(*middle);
}

Exposure average(const std::vector<const Exposure*>& exposures) {
    Exposure sum;
    for (const auto* e : exposures) {
        sum.mean += e->mean;
        sum.dark_clipped += e->dark_clipped;
        sum.bright_clipped += e->bright_clipped;
        for (std::size_t i = 0; i < sum.percentiles.size(); ++i) {
            sum.percentiles[i] += e->percentiles[i];
        }
    }
    const auto n = static_cast<double>(exposures.size());
    sum.mean /= n;
    sum.dark_clipped /= n;
    sum.bright_clipped /= n;
    for (auto& p : sum.percentiles) p /= n;
    return sum;
}

}  // namespace

SelftestCollector::SelftestCollector(Options options) : options_(options) {}

bool SelftestCollector::due(std::chrono::steady_clock::time_point when, bool has_plates) {
    const std::lock_guard lock(mutex_);
    if (options_.measures_per_s <= 0) return true;
    const auto interval = std::chrono::duration<double>(1.0 / options_.measures_per_s);
    const auto elapsed = [&](const auto& last) {
        return !last || when < *last || when - *last >= interval;
    };
    if (has_plates && elapsed(last_plates_measured_)) {
        last_plates_measured_ = when;
        last_measured_ = when;
        return true;
    }
    if (elapsed(last_measured_)) {
        last_measured_ = when;
        return true;
    }
    return false;
}

void SelftestCollector::observe(const core::Frame& frame,
                                const std::vector<core::PlateRead>& plates) {
    Entry entry;
    entry.captured = frame.captured.monotonic;
    std::vector<cv::Rect> boxes;
    for (const auto& plate : plates) {
        entry.plate_heights.push_back(plate.box.height);
        entry.confidences.push_back(plate.confidence);
        boxes.push_back(plate.box);
    }
    // Measured outside the lock: the other reading threads go on meanwhile.
    if (!frame.image.empty() && due(entry.captured, !plates.empty())) {
        entry.quality = measure_frame(frame.image, boxes);
    }
    keep(std::move(entry));
}

void SelftestCollector::observe_failure() {
    Entry entry;
    entry.failed = true;
    keep(std::move(entry));
}

void SelftestCollector::keep(Entry entry) {
    const std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
    while (entries_.size() > options_.window) entries_.pop_front();
}

FrameStats SelftestCollector::stats() const {
    const std::lock_guard lock(mutex_);
    FrameStats stats;
    std::vector<int> heights;
    std::vector<float> confidences;
    std::vector<double> plate_blur, scene_blur;
    std::vector<const Exposure*> exposures;
    std::optional<std::chrono::steady_clock::time_point> first, last;
    std::uint64_t stamped = 0;
    for (const auto& entry : entries_) {
        ++stats.frames;
        if (entry.failed) {
            ++stats.frames_failed;
            continue;
        }
        ++stamped;
        if (!first || entry.captured < *first) first = entry.captured;
        if (!last || entry.captured > *last) last = entry.captured;
        if (!entry.plate_heights.empty()) ++stats.frames_with_plate;
        stats.reads += entry.plate_heights.size();
        heights.insert(heights.end(), entry.plate_heights.begin(), entry.plate_heights.end());
        confidences.insert(confidences.end(), entry.confidences.begin(), entry.confidences.end());
        if (!entry.quality) continue;
        ++stats.measured;
        const auto& quality = *entry.quality;
        plate_blur.insert(plate_blur.end(), quality.plate_blur_px.begin(),
                          quality.plate_blur_px.end());
        scene_blur.push_back(quality.scene_blur_px);
        exposures.push_back(&quality.exposure);
    }
    if (stamped >= 2 && *last > *first) {
        stats.frames_per_s = static_cast<double>(stamped - 1) /
                             std::chrono::duration<double>(*last - *first).count();
    }
    stats.plate_regions = plate_blur.size();
    stats.edge_blur_px = plate_blur.empty() ? median(scene_blur) : median(plate_blur);
    if (!exposures.empty()) stats.exposure = average(exposures);
    stats.plate_height_px = median(heights);
    stats.confidence = median(confidences);
    return stats;
}

}  // namespace anpr::diag
