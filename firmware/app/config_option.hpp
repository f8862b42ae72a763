#pragma once
/// The config both programs start from: a file when given, else the defaults.

#include <filesystem>
#include <optional>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::app {

core::Result<config::AppConfig> config_from(const std::optional<std::filesystem::path>& file);

}  // namespace anpr::app
