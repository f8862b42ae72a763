#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::config {

/// Parses TOML text into an AppConfig on top of the defaults. Unknown keys,
/// wrong types, out-of-range values and TOML syntax errors are all reported
/// at once, in one Error whose message has one line per problem.
/// `origin` names the text in messages (a file path, or "<string>"); a line
/// reads "origin:12: ocr.min_confidence: 1.5 is out of range 0..1", and a
/// syntax error "origin:12:5: ..." (toml++ stops at the first one).
core::Result<AppConfig> parse_config(std::string_view toml_text, const std::string& origin);

/// Reads and parses a file; a missing or unreadable file is an Error naming it.
core::Result<AppConfig> load_config(const std::filesystem::path& file);

/// Writes the effective config as TOML (every key, defaults included) that
/// parse_config reads back to the same config.
void print_config(const AppConfig& config, std::ostream& out);

/// `config` with its secrets hidden, for showing to a technician: each
/// diag.accounts entry keeps its name and rights, its password hash becomes
/// "<redacted>".
AppConfig redact_secrets(AppConfig config);

}  // namespace anpr::config
