#include "diag/unit_facts.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <system_error>

#include "uplink/network_session.hpp"

namespace anpr::diag {
namespace {

// Plate height the reader needs. Plates whose characters are under about
// 8 px tall are not found (docs/reading-pipeline.md, Known limits; the
// reader's training crops start at 9 px, models/train/render_crops.py), and
// characters fill 0.58 of an EU plate's height (models/train/plate_render.py,
// CAP_HEIGHT). Read plates' boxes are about the plate's outline (the
// rendered clips read 82x20 px boxes on plates 4.7 times as wide as high),
// so boxes under 8 / 0.58 = 14 px are below what the reader can do.
constexpr double kMinCharacterPx = 8.0;
constexpr double kCharacterShareOfPlate = 0.58;
// The detector drops plates narrower than localize.min_plate_width; an EU
// one-line plate is 4.7 times as wide as high (520 x 110 mm), so a config
// with a large minimum width needs taller plates than the characters do.
constexpr double kPlateAspect = 4.7;
// Frame rate: a vehicle at 130 km/h (36 m/s) crosses the roughly 10 m of road
// where its plate is large enough to read in 0.28 s, and the tracker reports
// a passage only when read in tracking.min_frames frames.
constexpr double kFastVehicleMps = 130.0 / 3.6;
constexpr double kReadableStretchM = 10.0;

}  // namespace

ReaderNeeds reader_needs(const config::AppConfig& config) {
    ReaderNeeds needs;
    needs.min_plate_height_px = std::max(kMinCharacterPx / kCharacterShareOfPlate,
                                         config.localize.min_plate_width / kPlateAspect);
    needs.min_confidence = config.ocr.min_confidence;
    needs.min_frames_per_s = config.tracking.min_frames * kFastVehicleMps / kReadableStretchM;
    return needs;
}

GpsFacts gps_facts(const geo::GpsStatus& status, const config::AppConfig& config,
                   std::chrono::steady_clock::time_point now) {
    GpsFacts facts;
    facts.configured = !status.gpsd.empty();
    facts.gpsd = status.gpsd;
    facts.connected = status.connected;
    facts.error = status.last_error;
    facts.has_fix = status.usable;
    if (status.last && status.last->has_position()) {
        facts.fix_age_s = std::chrono::duration<double>(now - status.last->received).count();
    }
    facts.site_distance_m = status.site_distance_m;
    facts.max_site_distance_m = config.gps.max_site_distance_m;
    facts.site_configured = config.unit.latitude != 0.0 || config.unit.longitude != 0.0;
    return facts;
}

ClockFacts clock_facts(const timekeeping::ClockQuality& quality, const config::AppConfig& config) {
    ClockFacts facts;
    facts.source = quality.source;
    facts.reference = quality.reference;
    facts.error_ms = quality.error_ms;
    facts.max_error_ms = config.time.max_error_ms;
    return facts;
}

OutboxFacts outbox_facts(const core::Result<uplink::OutboxDepths>& depths,
                         const config::AppConfig& config) {
    OutboxFacts facts;
    facts.sending = !config.uplink.url.empty();
    facts.batch = config.uplink.batch;
    if (!depths) {
        facts.error = depths.error().message;
        return facts;
    }
    facts.readable = true;
    facts.depths = depths.value();
    return facts;
}

HitlistFacts hitlist_facts(const hitlist::HitlistStatus& status, const config::AppConfig& config) {
    HitlistFacts facts;
    facts.configured = !config.hitlist.authority_key.empty();
    facts.active = status.active;
    facts.last_check = status.last_check;
    facts.last_error = status.last_error;
    facts.syncing = !config.hitlist.url.empty();
    facts.refresh_s = config.hitlist.refresh_s;
    return facts;
}

core::Result<std::uint64_t> disk_free(const std::filesystem::path& path) {
    std::filesystem::path existing = path.empty() ? "." : path;
    std::error_code ec;
    while (!std::filesystem::exists(existing, ec) && existing.has_relative_path() &&
           existing != existing.parent_path()) {
        existing = existing.parent_path();
        if (existing.empty()) existing = ".";
    }
    struct statvfs fs {};
    if (::statvfs(existing.c_str(), &fs) != 0) {
        return core::Error{"cannot see the free space at '" + existing.string() +
                           "': " + std::error_code(errno, std::generic_category()).message()};
    }
    return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

DiskFacts disk_facts(const std::filesystem::path& outbox, std::uint64_t quota_bytes,
                     std::uint64_t used_bytes) {
    DiskFacts facts;
    facts.path = outbox;
    facts.outbox_quota_bytes = quota_bytes;
    facts.outbox_used_bytes = used_bytes;
    auto free = disk_free(outbox);
    if (free) {
        facts.free_bytes = free.value();
    } else {
        facts.error = free.error().message;
    }
    return facts;
}

UplinkFacts uplink_handshake(const config::UplinkConfig& config,
                             std::chrono::milliseconds timeout) {
    UplinkFacts facts;
    facts.url = config.url;
    facts.configured = !config.url.empty();
    if (!facts.configured) return facts;
    auto session = uplink::network_session(config, config.url, "anpr-selftest");
    if (!session) {
        facts.error = session.error().message;
        return facts;
    }
    CURL* easy = session.value().get();
    const long limit_ms = static_cast<long>(timeout.count());
    const long connect_ms =
        std::min(limit_ms, static_cast<long>(config.connect_timeout_s * 1000.f));
    std::array<char, CURL_ERROR_SIZE> why{};
    // Connect and shake hands, then stop: nothing is sent to the receiver.
    curl_easy_setopt(easy, CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, limit_ms);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, why.data());
    const CURLcode rc = curl_easy_perform(easy);
    if (rc != CURLE_OK) {
        facts.error = why[0] != '\0' ? why.data() : curl_easy_strerror(rc);
        return facts;
    }
    curl_off_t handshake_us = 0;
    curl_easy_getinfo(easy, CURLINFO_APPCONNECT_TIME_T, &handshake_us);
    facts.handshake_ok = true;
    facts.handshake_ms = static_cast<double>(handshake_us) / 1000.0;
    return facts;
}

}  // namespace anpr::diag
