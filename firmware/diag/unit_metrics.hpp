#pragma once
/// The running unit's metrics for Prometheus (docs/diagnostics.md lists
/// them): what it read, what waits to be sent, the hit list, GPS and clock.

#include <string>

#include "diag/unit_view.hpp"

namespace anpr::diag {

/// The metrics page: every family with HELP and TYPE lines.
std::string unit_metrics(const UnitView& unit);

}  // namespace anpr::diag
