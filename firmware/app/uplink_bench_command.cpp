#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/record_maker.hpp"
#include "app/record_origin.hpp"
#include "app/whereabouts.hpp"
#include "capture/image_files.hpp"
#include "core/elapsed.hpp"
#include "pipeline/plate_reader.hpp"
#include "tracking/still_passage.hpp"
#include "uplink/outbox.hpp"
#include "uplink/uplink.hpp"

namespace anpr::app {
namespace {

double megabytes(std::uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }

std::uint64_t size_on_disk(const std::filesystem::path& db) {
    std::uint64_t total = 0;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code missing;
        const auto size = std::filesystem::file_size(db.string() + suffix, missing);
        if (!missing) total += size;
    }
    return total;
}

/// A real passage to copy: the first plate the unit reads on `frame_path`.
core::Result<tracking::Passage> sample_passage(const config::AppConfig& config,
                                               const std::filesystem::path& frame_path) {
    auto frame = capture::load_frame(frame_path, 0);
    if (!frame) return frame.error();
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) return reader.error();
    auto plates = reader.value().read(frame.value());
    if (!plates) return plates.error();
    if (plates.value().empty())
        return core::Error{"no plate read on '" + frame_path.string() + "'"};
    return tracking::still_passage(frame.value(), plates.value().front());
}

}  // namespace

int run_uplink_bench(const config::AppConfig& config, const UplinkBenchOptions& options) {
    const auto& path = config.outbox.path;
    if (std::filesystem::exists(path)) {
        std::cerr << "anpr bench-uplink: '" << path.string()
                  << "' exists; the bench fills a fresh outbox (set outbox.path)\n";
        return 2;
    }
    if (config.uplink.url.empty()) {
        std::cerr << "anpr bench-uplink: no uplink.url to send to\n";
        return 2;
    }
    auto passage = sample_passage(config, options.frame);
    auto maker = RecordMaker::create(config);
    auto outbox = uplink::Outbox::open(
        path, static_cast<std::uint64_t>(config.outbox.quota_mb) * 1000 * 1000);
    auto client = uplink::UplinkClient::create(config.uplink, user_agent());
    for (const auto* failed :
         {passage.ok() ? nullptr : &passage.error(), maker.ok() ? nullptr : &maker.error(),
          outbox.ok() ? nullptr : &outbox.error(), client.ok() ? nullptr : &client.error()}) {
        if (failed) {
            std::cerr << "anpr bench-uplink: " << failed->message << "\n";
            return 2;
        }
    }

    // Produce: signed, one transaction per record, as the unit commits them.
    timekeeping::ClockMonitor clock(config.time.max_error_ms);
    clock.start();
    const Whereabouts whereabouts(config, clock, nullptr);
    const auto fill_start = std::chrono::steady_clock::now();
    for (int i = 0; i < options.records; ++i) {
        const auto added = outbox.value().add(
            uplink::Lane::ordinary,
            maker.value().make(passage.value(), uplink::RecordKind::still, whereabouts.moment()));
        if (added.kind != uplink::AddOutcome::Kind::stored) {
            std::cerr << "anpr bench-uplink: " << added.message << "\n";
            return 1;
        }
    }
    const double fill_s = core::ms_since(fill_start) / 1000.0;
    const auto sample = maker.value().make(passage.value(), uplink::RecordKind::still,
                                           whereabouts.moment())(1, std::string(64, '0'));
    const std::size_t record_bytes = sample ? sample.value().body.size() : 0;
    const std::uint64_t disk = size_on_disk(path);
    const double per_100k = 100000.0 / options.records;

    // Deliver: the uplink empties the outbox into the receiver.
    uplink::Uplink sender(config.uplink, outbox.value(), std::move(client).value());
    const std::atomic<bool> never{false};
    const auto send_start = std::chrono::steady_clock::now();
    sender.start();
    const bool emptied = sender.drain(std::chrono::hours(1), never);
    const double send_s = core::ms_since(send_start) / 1000.0;
    sender.stop();

    std::printf("records                 %d of %zu bytes of JSON each (a read of '%s')\n",
                options.records, record_bytes, options.frame.string().c_str());
    std::printf("outbox commits          %.0f records/s (one transaction each, full sync)\n",
                options.records / fill_s);
    std::printf("outbox on disk          %.1f MB per 100,000 records (database, WAL and index)\n",
                megabytes(disk) * per_100k);
    std::printf("outbox to receiver      %.0f records/s in batches of %d over mutual TLS%s\n",
                options.records / send_s, config.uplink.batch, emptied ? "" : " (NOT emptied)");
    std::ostringstream status;
    sender.status(status);
    std::printf("%s\n", status.str().c_str());
    return emptied ? 0 : 1;
}

}  // namespace anpr::app
