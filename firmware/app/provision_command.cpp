#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iostream>
#include <sstream>
#include <string_view>

#include "app/commands.hpp"
#include "app/config_check.hpp"
#include "app/provision_install.hpp"
#include "config/load.hpp"
#include "config/shell_account.hpp"
#include "core/utc_text.hpp"

namespace anpr::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefix = "anpr provision: ";
/// The origin parse_config names the rendered config by; taken off its lines
/// again with their line numbers, which are those of a text nobody sees.
constexpr std::string_view kRendered = "<provisioned config>";

/// The config as the options change it, the keys they changed and what was
/// wrong with them.
struct Edit {
    config::AppConfig config;
    std::vector<std::string> changed;
    std::vector<std::string> problems;

    /// Sets `member` (of `config`, key `key`) to `value`, noting the key when it changes.
    template <class T>
    void set(const std::string& key, T& member, T value) {
        if (member == value) return;
        member = std::move(value);
        changed.push_back(key);
    }
};

/// A TLS file given on the command line, where it is installed, and the key
/// that names it.
struct TlsCopy {
    fs::path source;
    fs::path target;
    std::string key;
    fs::path config::UplinkConfig::*member;
    mode_t mode;
    bool secret;  ///< readable by the unit's group only
};

std::optional<double> number(const std::string& option, const std::string& text, Edit& edit) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto parsed = std::from_chars(text.data(), end, value);
    if (!text.empty() && parsed.ec == std::errc{} && parsed.ptr == end) return value;
    edit.problems.push_back(option + ": '" + text + "' is not a number");
    return std::nullopt;
}

/// "x0,y0,x1,y1,..." as whole numbers; nothing, with a problem, when one is not.
std::optional<std::vector<int>> points(const std::string& lane, std::string_view text, Edit& edit) {
    std::vector<int> values;
    while (true) {
        const std::string_view piece = text.substr(0, text.find(','));
        int value = 0;
        const auto parsed = std::from_chars(piece.data(), piece.data() + piece.size(), value);
        if (piece.empty() || parsed.ec != std::errc{} ||
            parsed.ptr != piece.data() + piece.size()) {
            edit.problems.push_back("--lane " + lane + ": '" + std::string(piece) +
                                    "' is not a whole number");
            return std::nullopt;
        }
        values.push_back(value);
        if (piece.size() == text.size()) return values;
        text.remove_prefix(piece.size() + 1);
    }
}

/// --lane NAME=x0,y0,x1,y1,...: all the lanes, in place of the config's.
void apply_lanes(const std::vector<std::string>& lanes, Edit& edit) {
    if (lanes.empty()) return;
    std::vector<std::string> names;
    std::vector<std::vector<int>> polygons;
    for (const auto& lane : lanes) {
        const auto equals = lane.find('=');
        if (equals == std::string::npos) {
            edit.problems.push_back("--lane " + lane + ": expected NAME=x0,y0,x1,y1,...");
            continue;
        }
        if (auto outline = points(lane, std::string_view(lane).substr(equals + 1), edit)) {
            names.push_back(lane.substr(0, equals));
            polygons.push_back(std::move(*outline));
        }
    }
    edit.set("lanes.names", edit.config.lanes.names, std::move(names));
    edit.set("lanes.polygons", edit.config.lanes.polygons, std::move(polygons));
}

/// --account NAME:HASH:RIGHTS: added to diag.accounts, or in place of NAME's.
void apply_accounts(const std::vector<std::string>& accounts, Edit& edit) {
    auto list = edit.config.diag.accounts;
    for (const auto& text : accounts) {
        const auto account = config::parse_shell_account(text);
        if (!account) {
            // The name only: the rest may hold the password's hash.
            edit.problems.push_back("--account " + text.substr(0, text.find(':')) + ": " +
                                    account.error().message);
            continue;
        }
        const auto same_name = [&](const std::string& entry) {
            const auto other = config::parse_shell_account(entry);
            return other && other.value().name == account.value().name;
        };
        if (auto existing = std::find_if(list.begin(), list.end(), same_name);
            existing != list.end()) {
            *existing = text;
        } else {
            list.push_back(text);
        }
    }
    edit.set("diag.accounts", edit.config.diag.accounts, std::move(list));
}

/// The TLS files given, each with where it goes: the config's folder's tls/.
std::vector<TlsCopy> tls_copies(const ProvisionOptions& options) {
    const fs::path folder = fs::absolute(options.config).lexically_normal().parent_path() / "tls";
    using U = config::UplinkConfig;
    std::vector<TlsCopy> copies;
    if (options.ca) {
        copies.push_back(
            {*options.ca, folder / "ca.pem", "uplink.ca_file", &U::ca_file, 0644, false});
    }
    if (options.cert) {
        copies.push_back(
            {*options.cert, folder / "unit.pem", "uplink.cert_file", &U::cert_file, 0644, false});
    }
    if (options.key) {
        copies.push_back(
            {*options.key, folder / "unit.key", "uplink.key_file", &U::key_file, 0640, true});
    }
    return copies;
}

void apply_options(const ProvisionOptions& options, Edit& edit) {
    auto& unit = edit.config.unit;
    if (options.unit_id) edit.set("unit.id", unit.id, *options.unit_id);
    if (options.site_id) edit.set("unit.site", unit.site, *options.site_id);
    const auto set_number = [&edit](const char* option, const std::optional<std::string>& text,
                                    const char* key, double& member) {
        if (!text) return;
        if (auto value = number(option, *text, edit)) edit.set(key, member, *value);
    };
    set_number("--latitude", options.latitude, "unit.latitude", unit.latitude);
    set_number("--longitude", options.longitude, "unit.longitude", unit.longitude);
    set_number("--heading", options.heading, "unit.heading", unit.heading);
    apply_lanes(options.lanes, edit);
    if (options.source) edit.set("capture.source", edit.config.capture.source, *options.source);
    if (options.central_url) edit.set("uplink.url", edit.config.uplink.url, *options.central_url);
    if (options.hitlist_url) edit.set("hitlist.url", edit.config.hitlist.url, *options.hitlist_url);
    if (options.authority_key) {
        edit.set("hitlist.authority_key", edit.config.hitlist.authority_key,
                 fs::absolute(*options.authority_key).lexically_normal());
    }
    apply_accounts(options.accounts, edit);
    if (options.cert.has_value() != options.key.has_value()) {
        edit.problems.push_back("--cert and --key go together: give both");
    }
    for (const auto& copy : tls_copies(options)) {
        edit.set(copy.key, edit.config.uplink.*copy.member, copy.target);
    }
}

std::string rendered(const config::AppConfig& config) {
    std::ostringstream out;
    config::print_config(config, out);
    return out.str();
}

/// "unit.latitude: 91 is out of range -90..90" from
/// "<provisioned config>:3: unit.latitude: 91 is out of range -90..90".
std::string without_origin(std::string_view line) {
    if (line.starts_with(kRendered)) line.remove_prefix(kRendered.size());
    if (line.starts_with(':')) line.remove_prefix(1);
    line.remove_prefix(std::min(line.size(), line.find_first_not_of("0123456789")));
    if (line.starts_with(": ")) line.remove_prefix(2);
    return std::string(line);
}

/// Every problem of the edited config: each key and rule as the unit checks
/// them, and the files it names, the TLS files where they are now.
void check(const ProvisionOptions& options, Edit& edit) {
    if (auto parsed = config::parse_config(rendered(edit.config), std::string(kRendered));
        !parsed) {
        for (const auto& line : problem_lines(parsed.error())) {
            edit.problems.push_back(without_origin(line));
        }
    }
    auto with_sources = edit.config;
    for (const auto& copy : tls_copies(options)) with_sources.uplink.*copy.member = copy.source;
    for (auto& problem : check_referenced_files(with_sources, CertificateDates::checked)) {
        edit.problems.push_back(std::move(problem));
    }
}

/// The config file to write: its mode and group kept when it exists, else
/// 0640 and group anpr.
FileToInstall config_file(const fs::path& path, const config::AppConfig& config) {
    const std::string header = "# Written by `anpr provision` on " +
                               core::utc_seconds_text(std::chrono::system_clock::now()) +
                               ": every key, defaults included (docs/provisioning.md).\n";
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0) {
        return {path, header + rendered(config), status.st_mode & 07777, status.st_gid};
    }
    return {path, header + rendered(config), 0640, anpr_group()};
}

/// What must be written: the TLS files that differ from the copies in place,
/// then the config when a key changed or it does not exist yet.
core::Result<std::vector<FileToInstall>> files_to_write(const ProvisionOptions& options,
                                                        const Edit& edit) {
    std::vector<FileToInstall> files;
    for (const auto& copy : tls_copies(options)) {
        auto content = read_whole_file(copy.source);
        if (!content) return content.error();
        FileToInstall file{copy.target, std::move(content).value(), copy.mode,
                           copy.secret ? anpr_group() : std::nullopt};
        if (!already_installed(file)) files.push_back(std::move(file));
    }
    std::error_code ignored;
    if (!edit.changed.empty() || !fs::exists(options.config, ignored)) {
        files.push_back(config_file(options.config, edit.config));
    }
    return files;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
}

/// What was (in a dry run: would be) written, from `files`.
void print_summary(const fs::path& config, const Edit& edit,
                   const std::vector<FileToInstall>& files, bool dry_run, std::ostream& out) {
    std::vector<std::string> installed;
    for (const auto& file : files) {
        if (file.path != config) installed.push_back(file.path.string());
    }
    if (!installed.empty()) {
        out << kPrefix << (dry_run ? "would install " : "installed ") << joined(installed) << "\n";
    }
    if (installed.size() == files.size()) {
        out << kPrefix << config.string() << ": no key to change\n";
    } else {
        out << kPrefix << (dry_run ? "would write " : "wrote ") << config.string()
            << (edit.changed.empty() ? " with the defaults" : ", changing " + joined(edit.changed))
            << "\n";
    }
    if (dry_run) out << kPrefix << "dry run: nothing written\n";
}

/// The config file's settings, or the defaults when there is no such file.
core::Result<config::AppConfig> base_config(const fs::path& file) {
    std::error_code cannot_tell;
    if (!fs::exists(file, cannot_tell) && !cannot_tell) return config::AppConfig{};
    return config::load_config(file);
}

int report(const std::vector<std::string>& problems) {
    for (const auto& problem : problems) std::cerr << kPrefix << problem << "\n";
    return 2;
}

}  // namespace

int run_provision(const ProvisionOptions& options) {
    auto base = base_config(options.config);
    if (!base) return report(problem_lines(base.error()));

    Edit edit{std::move(base).value(), {}, {}};
    apply_options(options, edit);
    check(options, edit);
    if (!edit.problems.empty()) return report(edit.problems);

    auto files = files_to_write(options, edit);
    if (!files) return report({files.error().message});
    if (options.dry_run) {
        std::cout << config_file(options.config, edit.config).content;
        print_summary(options.config, edit, files.value(), true, std::cerr);
        return 0;
    }
    if (auto installed = install_files(files.value()); !installed) {
        return report({installed.error().message});
    }
    print_summary(options.config, edit, files.value(), false, std::cout);
    return 0;
}

}  // namespace anpr::app
