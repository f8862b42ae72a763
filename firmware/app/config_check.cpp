#include "app/config_check.hpp"

#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <sstream>

#include "app/tls_files.hpp"
#include "config/load.hpp"
#include "evidence/signing_key.hpp"

namespace anpr::app {
namespace {

namespace fs = std::filesystem;

/// Why the model file `path` (key `key`) cannot be loaded; nothing when it can be read.
std::optional<std::string> model_problem(const std::string& key, const fs::path& path) {
    std::error_code ignored;
    if (fs::is_directory(path, ignored)) return key + ": " + path.string() + " is a folder";
    if (::access(path.c_str(), R_OK) == 0) return std::nullopt;
    return key + ": " + path.string() + " cannot be read: " + std::strerror(errno);
}

std::string toml_text(const toml::table& table) {
    std::ostringstream out;
    out << toml::toml_formatter{table};
    return out.str();
}

void copy_key(toml::table& into, std::string_view key, const toml::node& value) {
    value.visit([&](const auto& typed) { into.insert_or_assign(key, typed); });
}

/// The config of the keys of `file` that parse_config takes each on its own
/// (the others keep their defaults); nothing when the file is no TOML or
/// those keys together break a rule between keys.
std::optional<config::AppConfig> config_of_valid_keys(const fs::path& file) {
    toml::table root;
    try {
        root = toml::parse_file(file.string());
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    toml::table valid;
    for (auto&& [section, node] : root) {
        const auto* keys = node.as_table();
        if (keys == nullptr) continue;
        toml::table valid_keys;
        for (auto&& [key, value] : *keys) {
            toml::table alone;
            copy_key(alone, key.str(), value);
            toml::table document;
            document.insert(section.str(), std::move(alone));
            if (config::parse_config(toml_text(document), file.string())) {
                copy_key(valid_keys, key.str(), value);
            }
        }
        valid.insert(section.str(), std::move(valid_keys));
    }
    auto config = config::parse_config(toml_text(valid), file.string());
    if (!config) return std::nullopt;
    return std::move(config).value();
}

}  // namespace

std::vector<std::string> check_referenced_files(const config::AppConfig& config,
                                                CertificateDates dates) {
    const bool check_dates = dates == CertificateDates::checked;
    std::vector<std::string> problems;
    const auto note = [&problems](std::optional<std::string> problem) {
        if (problem) problems.push_back(std::move(*problem));
    };
    const auto note_all = [&problems](std::vector<std::string> more) {
        for (auto& problem : more) problems.push_back(std::move(problem));
    };
    if (config.localize.engine == "detector") {
        note(model_problem("localize.model", config.localize.model));
    }
    if (config.ocr.engine.find("cnn") != std::string::npos) {
        note(model_problem("ocr.model", config.ocr.model));
    }
    const auto& uplink = config.uplink;
    note_all(check_tls_files({{"uplink.ca_file", uplink.ca_file},
                              {"uplink.cert_file", uplink.cert_file},
                              {"uplink.key_file", uplink.key_file},
                              true,
                              config.unit.id,
                              check_dates}));
    if (const auto& key = config.hitlist.authority_key; !key.empty()) {
        if (auto loaded = evidence::PublicKey::load(key); !loaded) {
            problems.push_back("hitlist.authority_key: " + loaded.error().message);
        }
    }
    const auto& diag = config.diag;
    note_all(check_tls_files({{"diag.tls_ca", diag.tls_ca},
                              {"diag.tls_cert", diag.tls_cert},
                              {"diag.tls_key", diag.tls_key},
                              false,
                              std::nullopt,
                              check_dates}));
    return problems;
}

std::vector<std::string> problem_lines(const core::Error& error) {
    std::vector<std::string> lines;
    std::istringstream text(error.message);
    for (std::string line; std::getline(text, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> check_config_file(const fs::path& file) {
    std::vector<std::string> problems;
    std::optional<config::AppConfig> config;
    if (auto loaded = config::load_config(file)) {
        config = std::move(loaded).value();
    } else {
        problems = problem_lines(loaded.error());
        config = config_of_valid_keys(file);
    }
    if (config) {
        for (const auto& problem : check_referenced_files(*config, CertificateDates::not_checked)) {
            problems.push_back(file.string() + ": " + problem);
        }
    }
    return problems;
}

}  // namespace anpr::app
