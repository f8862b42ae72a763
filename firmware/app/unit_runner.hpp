#pragma once
/// The unit's main loop: frames from the configured source, plates read; from
/// a video, reads followed across frames into one passage per vehicle; each
/// read (still images) or passage (video) committed to the outbox as a read
/// record and logged, and sent by the uplink when one is configured.

#include <atomic>
#include <cstdint>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::app {

struct UnitCounters {
    std::uint64_t frames = 0;          ///< frames taken from the source, failed ones included
    std::uint64_t frames_failed = 0;   ///< frames that could not be decoded or read
    std::uint64_t reads = 0;           ///< plate reads committed to the outbox (still images)
    std::uint64_t passages = 0;        ///< vehicle passages committed to the outbox (video)
    std::uint64_t frames_dropped = 0;  ///< live frames the reader had no time for
    std::uint64_t frames_skipped = 0;  ///< frames not read: nothing moved (motion gate)
    std::uint64_t outages = 0;         ///< times a live source was lost
    std::uint64_t refused = 0;         ///< records not stored: the outbox was full
    std::uint64_t hits = 0;            ///< hit list matches, each sent as an alert
    std::uint64_t not_uploaded = 0;    ///< passages that hit nothing, not kept (purpose)
    std::uint64_t purged = 0;          ///< undelivered passages deleted (retention)
};

/// Runs until the source is done or `stop` is set; with an uplink, then
/// sends for up to uplink.drain_s. A bad frame is logged and skipped; a full
/// outbox refuses and counts new records; an outbox whose disk fails ends
/// the run with an Error, since going on would lose reads.
core::Result<UnitCounters> run_unit(const config::AppConfig& config, const std::atomic<bool>& stop);

}  // namespace anpr::app
