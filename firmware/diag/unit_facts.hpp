#pragma once
/// What the self-test knows of the unit beside its pictures: the camera, the
/// services' states and what the reader needs, as plain values, so that
/// run_selftest (selftest.hpp) judges them without touching a service. The
/// running unit fills them from its live services' status structs with the
/// helpers below; `anpr selftest` from services it starts for a moment.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "geo/gps_status.hpp"
#include "hitlist/hitlist_service.hpp"
#include "timekeeping/clock_quality.hpp"
#include "uplink/outbox.hpp"

namespace anpr::diag {

struct CameraFacts {
    std::string description;  ///< the source as the logs name it
    bool reachable = false;   ///< it could be opened
    std::string error;        ///< why not, when not
    /// A video or live camera, whose frame rate matters; false for a folder
    /// of still images, each a scene of its own.
    bool films_a_scene = true;
};

/// What the configured reader needs of the pictures (reader_needs).
struct ReaderNeeds {
    double min_plate_height_px = 14;  ///< plate boxes lower than this are read badly or not at all
    double min_confidence = 0.35;     ///< ocr.min_confidence: weaker reads are dropped
    double min_frames_per_s = 7.2;    ///< to read a fast vehicle tracking.min_frames times
};

struct GpsFacts {
    bool configured = false;  ///< gps.gpsd is set
    std::string gpsd;
    bool connected = false;  ///< a gpsd session is open
    std::string error;       ///< why the last gpsd outage began
    bool has_fix = false;    ///< a fix fresh enough for records
    std::optional<double> fix_age_s;
    std::optional<double> site_distance_m;  ///< from the configured site to the latest fix
    double max_site_distance_m = 200;       ///< gps.max_site_distance_m
    bool site_configured = false;           ///< unit.latitude and unit.longitude are set
};

struct ClockFacts {
    timekeeping::ClockQuality::Source source = timekeeping::ClockQuality::Source::unsynchronised;
    std::string reference;           ///< what the clock follows: "PPS", an address...
    std::optional<double> error_ms;  ///< bound on the clock's error; none: unknown
    double max_error_ms = 5;         ///< time.max_error_ms: fit for speed enforcement
};

struct DiskFacts {
    std::filesystem::path path;               ///< the outbox's file
    std::optional<std::uint64_t> free_bytes;  ///< on its filesystem, for unprivileged writers
    std::string error;                        ///< why free_bytes is unknown
    std::uint64_t outbox_quota_bytes = 0;     ///< outbox.quota_mb in bytes
    std::uint64_t outbox_used_bytes = 0;
};

struct OutboxFacts {
    bool exists = true;  ///< false: not made yet (the unit makes it on its first start)
    bool readable = false;
    std::string error;  ///< why it cannot be read
    uplink::OutboxDepths depths;
    bool sending = false;  ///< an uplink is configured to empty it
    int batch = 100;       ///< uplink.batch: records per request
};

struct UplinkFacts {
    bool configured = false;  ///< uplink.url is set
    std::string url;
    bool handshake_ok = false;
    std::optional<double> handshake_ms;
    std::string error;  ///< why the handshake failed
};

struct HitlistFacts {
    bool configured = false;                    ///< hitlist.authority_key is set
    std::optional<hitlist::ListHeader> active;  ///< the list held; none: no list
    std::optional<std::chrono::system_clock::time_point> last_check;  ///< last network answer
    std::string last_error;  ///< why the last fetch or list failed
    bool syncing = false;    ///< hitlist.url is set
    double refresh_s = 300;  ///< hitlist.refresh_s
};

struct UnitFacts {
    CameraFacts camera;
    ReaderNeeds reader;
    GpsFacts gps;
    ClockFacts clock;
    DiskFacts disk;
    OutboxFacts outbox;
    UplinkFacts uplink;
    HitlistFacts hitlist;
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

/// The reader's needs under `config`; unit_facts.cpp says where each number
/// comes from.
ReaderNeeds reader_needs(const config::AppConfig& config);

GpsFacts gps_facts(const geo::GpsStatus& status, const config::AppConfig& config,
                   std::chrono::steady_clock::time_point now);
ClockFacts clock_facts(const timekeeping::ClockQuality& quality, const config::AppConfig& config);
/// From an outbox's depths, or the error reading them gave.
OutboxFacts outbox_facts(const core::Result<uplink::OutboxDepths>& depths,
                         const config::AppConfig& config);
HitlistFacts hitlist_facts(const hitlist::HitlistStatus& status, const config::AppConfig& config);
/// The free space for `outbox`'s filesystem (its nearest existing folder
/// when it is not made yet), with the outbox's quota and use.
DiskFacts disk_facts(const std::filesystem::path& outbox, std::uint64_t quota_bytes,
                     std::uint64_t used_bytes);

/// Bytes free to unprivileged writers on the filesystem holding `path`, or
/// its nearest existing parent; an Error names the path.
core::Result<std::uint64_t> disk_free(const std::filesystem::path& path);

/// Connects to uplink.url and does the TLS handshake with the unit's
/// certificate as every exchange does (uplink/network_session.hpp), sending
/// nothing, within `timeout` (and uplink.connect_timeout_s).
UplinkFacts uplink_handshake(const config::UplinkConfig& config,
                             std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace anpr::diag
