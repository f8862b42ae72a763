#include "app/unit_runner.hpp"

#include <chrono>
#include <functional>
#include <thread>

#include "capture/frame_source.hpp"
#include "capture/stream_source.hpp"
#include "logging/logging.hpp"
#include "pipeline/motion_gate.hpp"
#include "pipeline/plate_reader.hpp"
#include "pipeline/reading_pool.hpp"
#include "pipeline/stage_stats.hpp"
#include "tracking/tracker.hpp"
#include "uplink/local_outbox.hpp"
#include "uplink/passage_json.hpp"
#include "uplink/read_json.hpp"

namespace anpr::app {
namespace {

void pause(int ms, const std::atomic<bool>& stop) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

/// Stores records in the outbox and logs them; an Error means the record is
/// not stored and the unit must stop rather than lose it.
class Recorder {
  public:
    Recorder(const config::UnitConfig& unit, uplink::LocalOutbox& outbox, UnitCounters& counters)
        : unit_(unit), outbox_(outbox), counters_(counters) {}

    core::Status read(const core::Frame& frame, const core::PlateRead& plate) {
        if (auto stored = outbox_.append(uplink::read_record_json(unit_, frame, plate)); !stored)
            return stored;
        ++counters_.reads;
        log_->info("read {} ({}) confidence {:.2f} in '{}'", plate.display,
                   plate.country.empty() ? "?" : plate.country, plate.confidence, frame.source);
        return core::Ok{};
    }

    core::Status passages(const std::vector<tracking::Passage>& passages) {
        for (const auto& p : passages) {
            if (auto stored = outbox_.append(uplink::passage_record_json(unit_, p)); !stored)
                return stored;
            ++counters_.passages;
            log_->info("passage {} ({}) {} confidence {:.2f}, frames {}-{} of '{}' ({} read)",
                       p.display, p.country.empty() ? "?" : p.country,
                       tracking::direction_name(p.direction), p.confidence, p.first.frame,
                       p.last.frame, p.source, p.frames_read);
        }
        return core::Ok{};
    }

  private:
    const config::UnitConfig& unit_;
    uplink::LocalOutbox& outbox_;
    UnitCounters& counters_;
    std::shared_ptr<spdlog::logger> log_ = logging::logger("unit");
};

/// One reader per pipeline thread, each with its own models and Tesseract.
core::Result<std::vector<pipeline::PlateReader>> make_readers(const config::AppConfig& config) {
    std::vector<pipeline::PlateReader> readers;
    for (int i = 0; i < config.pipeline.threads; ++i) {
        auto reader = pipeline::PlateReader::create(config);
        if (!reader) return reader.error();
        readers.push_back(std::move(reader).value());
    }
    return readers;
}

}  // namespace

core::Result<UnitCounters> run_unit(const config::AppConfig& config,
                                    const std::atomic<bool>& stop) {
    auto log = logging::logger("unit");
    auto source = capture::open_source(config.capture, stop);
    if (!source) return source.error();
    auto readers = make_readers(config);
    if (!readers) return readers.error();
    auto outbox = uplink::LocalOutbox::open(config.outbox.path);
    if (!outbox) return outbox.error();
    capture::FrameSource& frames = *source.value();
    // A video films vehicles passing: one record per passage. Still images
    // are scenes of their own: one record per read.
    std::optional<tracking::Tracker> tracker;
    if (frames.films_a_scene()) tracker.emplace(config.tracking, config.plates, config.lanes);
    log->info("unit {} at site {}: reading {} on {} thread(s), {} go to '{}'", config.unit.id,
              config.unit.site, frames.description(), config.pipeline.threads,
              tracker ? "passages" : "reads", config.outbox.path.string());

    UnitCounters counters;
    pipeline::StageStats stage_stats;
    Recorder record(config.unit, outbox.value(), counters);
    pipeline::ReadingPool pool(std::move(readers).value());
    std::atomic<bool> tracker_idle{true};
    const auto on_frame = [&](pipeline::ReadFrame& read) -> core::Status {
        ++counters.frames;
        const auto& image = read.frame;
        if (!read.plates) {
            ++counters.frames_failed;
            log->warn("cannot read frame '{}': {}", image.source, read.plates.error().message);
            return core::Ok{};
        }
        stage_stats.add(read.times);
        if (tracker) {
            if (auto stored = record.passages(tracker->add(image, read.plates.value())); !stored)
                return stored;
            tracker_idle = tracker->open_tracks() == 0;
        } else {
            for (const auto& plate : read.plates.value()) {
                if (auto stored = record.read(image, plate); !stored) return stored;
            }
            if (read.plates.value().empty()) log->debug("no plate in '{}'", image.source);
        }
        pause(config.capture.interval_ms, stop);
        return core::Ok{};
    };
    const auto on_error = [&](const core::Error& error) {
        ++counters.frames;
        ++counters.frames_failed;
        log->warn("skipping frame: {}", error.message);
    };
    // Empty road: nothing moved and no plate is being followed. The gate sees
    // every frame in order (the pool calls it so), to compare it with the last.
    pipeline::MotionGate gate;
    const bool gating = tracker && config.pipeline.motion_gate;
    std::function<bool(const core::Frame&)> skip;
    if (gating) {
        skip = [&](const core::Frame& frame) {
            const bool moved = gate.moved(frame.image);
            return !moved && tracker_idle.load();
        };
    }
    auto ran = pool.run(frames, stop, on_frame, on_error, skip);
    if (!ran) return ran.error();
    counters.frames_skipped = pool.skipped();
    counters.frames += counters.frames_skipped;
    if (tracker) {
        if (auto stored = record.passages(tracker->finish()); !stored) return stored.error();
    }
    const auto source_counters = frames.counters();
    counters.frames_dropped = source_counters.dropped;
    counters.frames_failed += source_counters.errors;
    counters.outages = source_counters.outages;
    log->info("stopped: {} frames, {} failed, {} reads and {} passages stored", counters.frames,
              counters.frames_failed, counters.reads, counters.passages);
    if (gating) log->info("{} frames not read: nothing moved on them", counters.frames_skipped);
    if (stage_stats.frames() > 0) log->info("stage times: {}", stage_stats.line());
    if (frames.films_a_scene() && capture::is_live_source(config.capture.source)) {
        log->info("{}: {} frames dropped (no time to read them), {} outages", frames.description(),
                  counters.frames_dropped, counters.outages);
    }
    return counters;
}

}  // namespace anpr::app
