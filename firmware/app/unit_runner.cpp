#include "app/unit_runner.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <sstream>
#include <thread>

#include "app/record_maker.hpp"
#include "app/record_origin.hpp"
#include "app/recorder.hpp"
#include "app/retention.hpp"
#include "app/unit_diagnostics.hpp"
#include "app/whereabouts.hpp"
#include "capture/frame_source.hpp"
#include "capture/stream_source.hpp"
#include "geo/gps_service.hpp"
#include "hitlist/hitlist_service.hpp"
#include "hitlist/purpose_policy.hpp"
#include "logging/logging.hpp"
#include "pipeline/motion_gate.hpp"
#include "pipeline/plate_reader.hpp"
#include "pipeline/reading_pool.hpp"
#include "pipeline/stage_stats.hpp"
#include "timekeeping/clock_monitor.hpp"
#include "tracking/tracker.hpp"
#include "uplink/outbox.hpp"
#include "uplink/read_record.hpp"
#include "uplink/uplink.hpp"

namespace anpr::app {
namespace {

void pause(int ms, const std::atomic<bool>& stop) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

/// The uplink, when a receiver is configured.
core::Result<std::unique_ptr<uplink::Uplink>> start_uplink(const config::UplinkConfig& config,
                                                           uplink::Outbox& outbox) {
    if (config.url.empty()) return std::unique_ptr<uplink::Uplink>();
    auto client = uplink::UplinkClient::create(config, user_agent());
    if (!client) return client.error();
    auto sender = std::make_unique<uplink::Uplink>(config, outbox, std::move(client).value());
    sender->start();
    return sender;
}

/// A service's status line, for the log.
template <class Service>
std::string describe(const Service& service) {
    std::ostringstream out;
    service.status(out);
    return out.str();
}

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

/// The hit list service, when the list authority's key is configured.
core::Result<std::unique_ptr<hitlist::HitlistService>> start_hitlist(
    const config::AppConfig& config) {
    if (config.hitlist.authority_key.empty()) return std::unique_ptr<hitlist::HitlistService>();
    auto service = hitlist::HitlistService::create(config, user_agent());
    if (!service) return service.error();
    service.value()->start();
    return service;
}

}  // namespace

core::Result<UnitCounters> run_unit(const config::AppConfig& config,
                                    const std::atomic<bool>& stop) {
    auto log = logging::logger("unit");
    auto source = capture::open_source(config.capture, stop);
    if (!source) return source.error();
    auto readers = make_readers(config);
    if (!readers) return readers.error();
    auto maker = RecordMaker::create(config);
    if (!maker) return maker.error();
    timekeeping::ClockMonitor clock(config.time.max_error_ms);
    clock.start();
    geo::GpsService gps(config.gps, {config.unit.latitude, config.unit.longitude});
    gps.start();
    const Whereabouts whereabouts(config, clock, config.gps.gpsd.empty() ? nullptr : &gps);
    auto outbox = uplink::Outbox::open(
        config.outbox.path, static_cast<std::uint64_t>(config.outbox.quota_mb) * 1000 * 1000);
    if (!outbox) return outbox.error();
    auto sender = start_uplink(config.uplink, outbox.value());
    if (!sender) return sender.error();
    uplink::Uplink* uplink = sender.value().get();
    auto hitlist = start_hitlist(config);
    if (!hitlist) return hitlist.error();
    const auto policy = hitlist::purpose_policy(config);
    Retention retention(outbox.value(), config.purpose.retention_h);
    retention.start();
    capture::FrameSource& frames = *source.value();
    // A video films vehicles passing: one record per passage. Still images
    // are scenes of their own: one record per read.
    std::optional<tracking::Tracker> tracker;
    if (frames.films_a_scene()) tracker.emplace(config.tracking, config.plates, config.lanes);
    log->info("unit {} at site {}: reading {} on {} thread(s), {} go to '{}'", config.unit.id,
              config.unit.site, frames.description(), config.pipeline.threads,
              tracker ? "passages" : "reads", config.outbox.path.string());
    if (!uplink) log->info("no uplink.url: records stay in the outbox");
    if (!hitlist.value()) log->info("no hitlist.authority_key: no hit list, no alerts");
    if (!policy.uploads_passages) {
        log->info("the camera's purposes upload hits only: other passages are not kept");
    }
    if (config.unit.latitude == 0.0 && config.unit.longitude == 0.0) {
        log->warn("unit.latitude and unit.longitude are not set: records say 0, 0");
    }

    UnitCounters counters;
    pipeline::StageStats stage_stats;
    UnitDiagnostics diagnostics(config, counters,
                                {frames, outbox.value(), uplink, hitlist.value().get(), gps, clock},
                                maker.value());
    diagnostics.start();
    Recorder record(maker.value(), whereabouts, outbox.value(), uplink, hitlist.value().get(),
                    policy, counters, diagnostics.recent());
    pipeline::ReadingPool pool(std::move(readers).value());
    std::atomic<bool> tracker_idle{true};
    const auto on_frame = [&](pipeline::ReadFrame& read) -> core::Status {
        ++counters.frames;
        if (uplink) {
            if (auto failed = uplink->failure()) return *failed;
        }
        const auto& image = read.frame;
        diagnostics.frames().observe(image);
        if (!read.plates) {
            ++counters.frames_failed;
            diagnostics.collector().observe_failure();
            log->warn("cannot read frame '{}': {}", image.source, read.plates.error().message);
            return core::Ok{};
        }
        stage_stats.add(read.times);
        diagnostics.collector().observe(image, read.plates.value());
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
        diagnostics.frames().beat();
        diagnostics.collector().observe_failure();
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
            const bool skipped = !moved && tracker_idle.load();
            if (skipped) {
                ++counters.frames_skipped;
                diagnostics.frames().observe(frame);  // read frames are shown in on_frame
            }
            return skipped;
        };
    }
    auto ran = pool.run(frames, stop, on_frame, on_error, skip);
    if (!ran) return ran.error();
    counters.frames += counters.frames_skipped;
    if (tracker) {
        if (auto stored = record.passages(tracker->finish()); !stored) return stored.error();
    }
    diagnostics.stop();
    const auto source_counters = frames.counters();
    counters.frames_dropped = source_counters.dropped;
    counters.frames_failed += source_counters.errors;
    counters.outages = source_counters.outages;
    retention.stop();
    counters.purged = retention.purged();
    log->info(
        "stopped: {} frames, {} failed, {} reads and {} passages stored, {} hit(s), {} not "
        "uploaded (purpose), {} deleted undelivered (retention)",
        counters.frames.load(), counters.frames_failed.load(), counters.reads.load(),
        counters.passages.load(), counters.hits.load(), counters.not_uploaded.load(),
        counters.purged.load());
    if (gating)
        log->info("{} frames not read: nothing moved on them", counters.frames_skipped.load());
    if (stage_stats.frames() > 0) log->info("stage times: {}", stage_stats.line());
    if (frames.films_a_scene() && capture::is_live_source(config.capture.source)) {
        log->info("{}: {} frames dropped (no time to read them), {} outages", frames.description(),
                  counters.frames_dropped.load(), counters.outages.load());
    }
    for (const auto& service_status : {describe(clock), describe(gps)}) {
        log->info("{}", service_status);
    }
    if (hitlist.value()) {
        hitlist.value()->stop();
        log->info("hit list: {}", describe(*hitlist.value()));
    }
    if (counters.refused > 0) {
        log->error("{} record(s) refused: the outbox was full", counters.refused.load());
    }
    if (uplink) {
        // A file or folder is done: give the uplink time to empty the outbox.
        if (!stop && !uplink->drain(std::chrono::milliseconds(
                                        static_cast<long>(config.uplink.drain_s * 1000.f)),
                                    stop)) {
            log->info("records not yet delivered stay in the outbox for the next start");
        }
        uplink->stop();
        std::ostringstream status;
        uplink->status(status);
        log->info("{}", status.str());
        if (auto failed = uplink->failure()) return *failed;
    }
    return counters;
}

}  // namespace anpr::app
