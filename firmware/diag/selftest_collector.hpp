#pragma once
/// What the self-test knows of the pictures: the running unit (or `anpr
/// selftest`) shows the collector every frame it reads, and the collector
/// keeps the recent ones' figures, so that the shell's `selftest` judges the
/// camera on what it films now without taking frames of its own.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "core/types.hpp"
#include "diag/image_quality.hpp"

namespace anpr::diag {

/// The recent frames summed up, as run_selftest judges them.
struct FrameStats {
    std::uint64_t frames = 0;             ///< frames in the window, failed ones included
    std::uint64_t frames_failed = 0;      ///< frames that could not be decoded or read
    std::uint64_t frames_with_plate = 0;  ///< frames with at least one plate read
    std::uint64_t reads = 0;              ///< plates read
    /// Frames read per second, from the frames' capture times; none below two frames.
    std::optional<double> frames_per_s;
    std::uint64_t measured = 0;  ///< frames whose image quality was measured
    /// Median edge blur, px (image_quality.hpp), over the plate regions
    /// measured or, when none was, over the measured frames' most detailed parts.
    std::optional<double> edge_blur_px;
    std::uint64_t plate_regions = 0;        ///< plate regions the blur comes from; 0: the scene
    std::optional<Exposure> exposure;       ///< the measured frames' average
    std::optional<double> plate_height_px;  ///< median height of the read plates' boxes
    std::optional<double> confidence;       ///< median confidence of the reads
};

/// Thread-safe: the unit's reading threads call observe() while the shell
/// calls stats().
class SelftestCollector {
  public:
    struct Options {
        std::size_t window = 300;  ///< most recent frames kept
        /// Frames measured per second of capture time, at most; 0: every
        /// frame. About 5 ms each on an 800x600 frame (one core), so 2 a
        /// second costs the unit about 1% of a core.
        double measures_per_s = 2.0;
    };

    SelftestCollector() : SelftestCollector(Options{}) {}
    explicit SelftestCollector(Options options);

    /// A frame read, with the plates read in it.
    void observe(const core::Frame& frame, const std::vector<core::PlateRead>& plates);
    /// A frame that could not be decoded or read.
    void observe_failure();

    FrameStats stats() const;

  private:
    struct Entry {
        bool failed = false;
        std::chrono::steady_clock::time_point captured;
        std::vector<int> plate_heights;
        std::vector<float> confidences;
        std::optional<FrameQuality> quality;
    };
    /// Whether the frame captured at `when` is due a measurement; a frame
    /// with plates is measured even when a plateless one just was.
    bool due(std::chrono::steady_clock::time_point when, bool has_plates);
    void keep(Entry entry);

    Options options_;
    mutable std::mutex mutex_;
    std::deque<Entry> entries_;
    std::optional<std::chrono::steady_clock::time_point> last_measured_;
    std::optional<std::chrono::steady_clock::time_point> last_plates_measured_;
};

}  // namespace anpr::diag
