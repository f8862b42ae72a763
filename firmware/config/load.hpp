#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::config {

/// Parses TOML text into an AppConfig on top of the defaults. Unknown keys,
/// wrong types, out-of-range values and TOML syntax errors are all reported
/// at once, in one Error whose message has one line per problem.
/// `origin` names the text in messages (a file path, or "<string>").
core::Result<AppConfig> parse_config(std::string_view toml_text, const std::string& origin);

/// Reads and parses a file; a missing or unreadable file is an Error naming it.
core::Result<AppConfig> load_config(const std::filesystem::path& file);

/// Writes the effective config as TOML (every key, defaults included).
void print_config(const AppConfig& config, std::ostream& out);

}  // namespace anpr::config
