#pragma once
/// The unit's main loop: frames from the configured source, plates read; from
/// a video, reads followed across frames into one passage per vehicle; each
/// read (still images) or passage (video) committed to the outbox as a read
/// record and logged, and sent by the uplink when one is configured.

#include <atomic>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/unit_counters.hpp"

namespace anpr::app {

using UnitCounters = core::UnitCounters;

/// Runs until the source is done or `stop` is set; with an uplink, then
/// sends for up to uplink.drain_s. A bad frame is logged and skipped; a full
/// outbox refuses and counts new records; an outbox whose disk fails ends
/// the run with an Error, since going on would lose reads.
core::Result<UnitCounters> run_unit(const config::AppConfig& config, const std::atomic<bool>& stop);

}  // namespace anpr::app
