#pragma once
/// The diagnostics shell's commands on a running unit (docs/diagnostics.md):
/// help, status, camera, snapshot, reads, hitlist, outbox, gps, time,
/// config, log, metrics, selftest, restart.

#include "diag/command_table.hpp"
#include "diag/unit_view.hpp"

namespace anpr::diag {

/// Every command, reading and acting on `unit`, which must outlive the table.
CommandTable unit_commands(const UnitView& unit);

}  // namespace anpr::diag
