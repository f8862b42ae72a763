// `anpr selftest`: the commissioning report, on frames read now from the
// configured source and the unit's services started for a moment.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/commands.hpp"
#include "app/record_origin.hpp"
#include "capture/frame_source.hpp"
#include "diag/selftest.hpp"
#include "geo/gps_service.hpp"
#include "hitlist/hitlist_service.hpp"
#include "pipeline/plate_reader.hpp"
#include "timekeeping/clock_monitor.hpp"
#include "uplink/outbox.hpp"

namespace anpr::app {
namespace {

// Reading stops after this long even when fewer frames came: a live camera
// that sends nothing must not hold the installer up.
constexpr auto kReadAtMost = std::chrono::seconds(20);
// gpsd needs a moment to connect and pass on a fix.
constexpr auto kGpsAtLeast = std::chrono::seconds(2);

/// Ends a live source's waits at `deadline`, or when dismissed.
class Deadline {
  public:
    Deadline(std::chrono::steady_clock::time_point deadline, capture::FrameSource& source,
             std::atomic<bool>& stop)
        : thread_([this, deadline, &source, &stop] {
              std::unique_lock lock(mutex_);
              if (!wake_.wait_until(lock, deadline, [this] { return dismissed_; })) {
                  stop = true;
                  source.halt();
              }
          }) {}
    ~Deadline() {
        {
            const std::lock_guard lock(mutex_);
            dismissed_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    Deadline(const Deadline&) = delete;
    Deadline& operator=(const Deadline&) = delete;

  private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool dismissed_ = false;
    std::thread thread_;
};

/// Reads up to `max_frames` frames of `source` through `reader` into `collector`.
void read_frames(capture::FrameSource& source, std::atomic<bool>& stop,
                 pipeline::PlateReader& reader, int max_frames,
                 diag::SelftestCollector& collector) {
    const auto deadline = std::chrono::steady_clock::now() + kReadAtMost;
    const Deadline halt(deadline, source, stop);
    for (int taken = 0; taken < max_frames && !stop; ++taken) {
        auto next = source.next();
        if (!next) {
            collector.observe_failure();
            continue;
        }
        if (!next.value()) break;
        const auto& frame = *next.value();
        auto plates = reader.read(frame);
        if (plates) {
            collector.observe(frame, plates.value());
        } else {
            collector.observe_failure();
        }
    }
}

diag::OutboxFacts outbox_facts(const config::AppConfig& config) {
    diag::OutboxFacts facts;
    // A diagnosis makes no files: a missing outbox is the unit's to create.
    if (!std::filesystem::exists(config.outbox.path)) {
        facts.exists = false;
        facts.sending = !config.uplink.url.empty();
        return facts;
    }
    auto outbox = uplink::Outbox::open(
        config.outbox.path, static_cast<std::uint64_t>(config.outbox.quota_mb) * 1000 * 1000);
    if (!outbox) return diag::outbox_facts(outbox.error(), config);
    return diag::outbox_facts(outbox.value().depths(), config);
}

/// The stored hit list's header, read as the unit reads it at start.
diag::HitlistFacts hitlist_facts(const config::AppConfig& config) {
    if (config.hitlist.authority_key.empty() || !std::filesystem::exists(config.hitlist.store)) {
        return diag::hitlist_facts({}, config);
    }
    auto service = hitlist::HitlistService::create(config, user_agent());
    if (!service) {
        hitlist::HitlistStatus none;
        none.last_error = service.error().message;
        return diag::hitlist_facts(none, config);
    }
    return diag::hitlist_facts(service.value()->status(), config);
}

nlohmann::json report_json(const std::vector<diag::SelftestLine>& lines) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& line : lines) {
        checks.push_back({{"check", line.check},
                          {"verdict", diag::verdict_name(line.verdict)},
                          {"measured", line.measured},
                          {"advice", line.advice}});
    }
    return {{"overall", diag::verdict_name(diag::overall(lines))}, {"checks", checks}};
}

}  // namespace

int run_selftest_command(const config::AppConfig& config, const SelftestOptions& options) {
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) {
        std::cerr << "anpr: " << reader.error().message << "\n";
        return 2;
    }
    const auto started = std::chrono::steady_clock::now();
    timekeeping::ClockMonitor clock(config.time.max_error_ms);
    clock.start();
    geo::GpsService gps(config.gps, {config.unit.latitude, config.unit.longitude});
    gps.start();

    diag::UnitFacts facts;
    facts.reader = diag::reader_needs(config);
    diag::SelftestCollector collector(
        {.window = static_cast<std::size_t>(options.frames), .measures_per_s = 0});
    std::atomic<bool> stop{false};
    auto source = capture::open_source(config.capture, stop);
    if (source) {
        facts.camera = {source.value()->description(), true, "", source.value()->films_a_scene()};
        read_frames(*source.value(), stop, reader.value(), options.frames, collector);
    } else {
        facts.camera = {"capture.source '" + config.capture.source + "'", false,
                        source.error().message, true};
    }

    if (!config.gps.gpsd.empty()) std::this_thread::sleep_until(started + kGpsAtLeast);
    facts.gps = diag::gps_facts(gps.status(), config, std::chrono::steady_clock::now());
    gps.stop();
    facts.clock = diag::clock_facts(clock.current(), config);
    clock.stop();
    facts.outbox = outbox_facts(config);
    facts.disk = diag::disk_facts(config.outbox.path,
                                  static_cast<std::uint64_t>(config.outbox.quota_mb) * 1000 * 1000,
                                  facts.outbox.depths.bytes);
    facts.uplink = diag::uplink_handshake(config.uplink);
    facts.hitlist = hitlist_facts(config);
    facts.now = std::chrono::system_clock::now();

    const auto lines = diag::run_selftest(collector.stats(), facts);
    const std::string report =
        options.json ? report_json(lines).dump() + "\n" : diag::report_text(lines);
    std::cout << report;
    if (options.report) {
        std::ofstream file(*options.report);
        file << report;
        if (!file.flush()) {
            std::cerr << "anpr: cannot write the report to '" << options.report->string() << "'\n";
            return 2;
        }
    }
    if (!source) return 2;
    return diag::overall(lines) == diag::Verdict::fail ? 1 : 0;
}

}  // namespace anpr::app
