#pragma once
/// What `anprd --check-config` and `anpr provision` check beyond the TOML
/// itself: the files a config names. Relative paths are taken from the
/// working directory, as the unit takes them.

#include <filesystem>
#include <string>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"

namespace anpr::app {

/// Whether certificates must be valid now (TlsFiles::check_dates).
enum class CertificateDates { checked, not_checked };

/// Every problem with the files `config` names, one line each naming the key
/// and the path:
/// - localize.model (engine "detector") and ocr.model (an engine with "cnn")
///   missing or unreadable;
/// - uplink.ca_file, cert_file and key_file (check_tls_files): the
///   certificate signed by the CA, matching the key, for CN unit.id and,
///   when `dates` says so, valid now;
/// - hitlist.authority_key holding no Ed25519 PEM public key;
/// - diag.tls_ca, tls_cert and tls_key (check_tls_files, the certificate
///   matching the key and, when `dates` says so, valid now).
/// Files not set are not checked: parse_config's cross checks say which must be.
std::vector<std::string> check_referenced_files(const config::AppConfig& config,
                                                CertificateDates dates);

/// The problems of an Error of load_config or parse_config, one a line.
std::vector<std::string> problem_lines(const core::Error& error);

/// `anprd --check-config`: every problem with the config file `file`, one
/// line each: load_config's ("FILE:LINE: key: ..."), then those of
/// check_referenced_files ("FILE: key: ...") without certificate dates (the
/// unit's start runs this, maybe before its clock is set). The files are checked even when
/// some keys are wrong, with the keys parse_config takes on their own; not
/// when the file is no TOML or those keys break a rule between keys.
std::vector<std::string> check_config_file(const std::filesystem::path& file);

}  // namespace anpr::app
