#pragma once
/// The unit's main loop for this slice: frames from the configured source,
/// plates read; from a video, reads followed across frames into one passage
/// per vehicle; each read (still images) or passage (video) committed to the
/// outbox and logged.

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
};

/// Runs until the source is done or `stop` is set. A bad frame is logged and
/// skipped; an outbox that cannot store a read ends the run with an Error,
/// since going on would lose reads.
core::Result<UnitCounters> run_unit(const config::AppConfig& config, const std::atomic<bool>& stop);

}  // namespace anpr::app
