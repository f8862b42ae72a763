#pragma once
/// The unit's logs: one named spdlog logger per service, all writing to the
/// console and, when configured, to a file. A library of its own so that
/// every service's library logs through it.

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::logging {

/// Sets the sinks and level for every logger made after it; an Error when the
/// log file cannot be opened.
core::Status setup_logging(const config::LogConfig& config);

/// The logger named `name` ("pipeline", "capture", ...), made on first use.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

}  // namespace anpr::logging
