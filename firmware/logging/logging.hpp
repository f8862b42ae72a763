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

/// Sets every logger's level now (the shell's `log level`); an Error
/// naming a level that does not exist.
core::Status set_level(const std::string& level);

/// Every logger's level now: "info", "debug", ...
std::string level();

/// The logger named `name` ("pipeline", "capture", ...), made on first use.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

}  // namespace anpr::logging
