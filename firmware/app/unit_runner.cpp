#include "app/unit_runner.hpp"

#include <chrono>
#include <thread>

#include "app/logging.hpp"
#include "capture/image_folder_source.hpp"
#include "pipeline/plate_reader.hpp"
#include "uplink/local_outbox.hpp"
#include "uplink/read_json.hpp"

namespace anpr::app {
namespace {

void pause(int ms, const std::atomic<bool>& stop) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace

core::Result<UnitCounters> run_unit(const config::AppConfig& config,
                                    const std::atomic<bool>& stop) {
    auto log = logger("unit");
    auto source = capture::ImageFolderSource::open(config.capture);
    if (!source) return source.error();
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) return reader.error();
    auto outbox = uplink::LocalOutbox::open(config.outbox.path);
    if (!outbox) return outbox.error();
    log->info("unit {} at site {}: reading {} frames from '{}', reads go to '{}'", config.unit.id,
              config.unit.site, source.value().size(), config.capture.source,
              config.outbox.path.string());

    UnitCounters counters;
    while (!stop) {
        auto frame = source.value().next();
        if (frame && !frame.value()) break;
        ++counters.frames;
        if (!frame) {
            ++counters.frames_failed;
            log->warn("skipping frame: {}", frame.error().message);
            continue;
        }
        const auto& image = *frame.value();
        auto plates = reader.value().read(image);
        if (!plates) {
            ++counters.frames_failed;
            log->warn("cannot read frame '{}': {}", image.source, plates.error().message);
            continue;
        }
        for (const auto& plate : plates.value()) {
            if (auto stored =
                    outbox.value().append(uplink::read_record_json(config.unit, image, plate));
                !stored) {
                return stored.error();
            }
            ++counters.reads;
            log->info("read {} ({}) confidence {:.2f} in '{}'", plate.display,
                      plate.country.empty() ? "?" : plate.country, plate.confidence, image.source);
        }
        if (plates.value().empty()) log->debug("no plate in '{}'", image.source);
        pause(config.capture.interval_ms, stop);
    }
    log->info("stopped: {} frames, {} failed, {} reads stored", counters.frames,
              counters.frames_failed, counters.reads);
    return counters;
}

}  // namespace anpr::app
