#include "config/schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>
#include <type_traits>
#include <utility>

#include "config/shell_account.hpp"
#include "core/listen_address.hpp"
#include "core/result.hpp"
#include "geo/gpsd_address.hpp"
#include "plates/plates.hpp"

namespace anpr::config::schema {
namespace {

/// A rule on one value, beyond its type.
template <class T>
using Check = std::function<Problem(const T&)>;

core::Error wrong_type(std::string_view expected, const toml::node& node) {
    return core::Error{"expected " + std::string(expected) + ", got " +
                       std::string(type_name(node))};
}

/// TOML text of a string or array, escaped by toml++ rather than by hand.
template <class Node>
std::string as_toml(const Node& node) {
    std::ostringstream out;
    out << toml::toml_formatter{node, toml::format_flags::allow_unicode_strings};
    return out.str();
}

/// How one member type travels through TOML: what it accepts, how it is written.
template <class T>
struct Codec;

template <>
struct Codec<bool> {
    static core::Result<bool> read(const toml::node& node) {
        if (const auto* value = node.as_boolean()) return value->get();
        return wrong_type("a boolean", node);
    }
    static std::string write(bool value) { return value ? "true" : "false"; }
};

template <>
struct Codec<int> {
    static core::Result<int> read(const toml::node& node) {
        const auto* value = node.as_integer();
        if (!value) return wrong_type("an integer", node);
        const std::int64_t wide = value->get();
        if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
            return core::Error{std::to_string(wide) + " is too large"};
        }
        return static_cast<int>(wide);
    }
    static std::string write(int value) { return std::to_string(value); }
};

/// A TOML integer is taken where a number is expected: `1` means `1.0`.
template <class Real>
struct RealCodec {
    static core::Result<Real> read(const toml::node& node) {
        double wide = 0;
        if (const auto* real = node.as_floating_point()) {
            wide = real->get();
        } else if (const auto* integer = node.as_integer()) {
            wide = static_cast<double>(integer->get());
        } else {
            return wrong_type("a number", node);
        }
        // Narrowing a finite double beyond float's range is undefined behaviour.
        if (std::isfinite(wide) && std::abs(wide) > std::numeric_limits<Real>::max()) {
            std::ostringstream out;
            out << wide << " is too large";
            return core::Error{out.str()};
        }
        return static_cast<Real>(wide);
    }
    /// The shortest text that reads back as the same number: 0.35, not 0.3499999940395355.
    static std::string write(Real value) {
        char buffer[32];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
        std::string text(buffer, end);
        // TOML reads "1" as an integer; inf and nan are already TOML.
        if (text.find_first_not_of("-0123456789") == std::string::npos) text += ".0";
        return text;
    }
};

template <>
struct Codec<float> : RealCodec<float> {};

template <>
struct Codec<double> : RealCodec<double> {};

template <>
struct Codec<std::string> {
    static core::Result<std::string> read(const toml::node& node) {
        if (const auto* value = node.as_string()) return value->get();
        return wrong_type("a string", node);
    }
    static std::string write(const std::string& value) {
        return as_toml(toml::value<std::string>{value});
    }
};

template <>
struct Codec<std::filesystem::path> {
    static core::Result<std::filesystem::path> read(const toml::node& node) {
        auto text = Codec<std::string>::read(node);
        if (!text) return text.error();
        return std::filesystem::path(std::move(text).value());
    }
    static std::string write(const std::filesystem::path& value) {
        return Codec<std::string>::write(value.string());
    }
};

template <>
struct Codec<std::vector<std::string>> {
    static core::Result<std::vector<std::string>> read(const toml::node& node) {
        const auto* array = node.as_array();
        if (!array) return wrong_type("an array of strings", node);
        std::vector<std::string> values;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto* value = (*array)[i].as_string();
            if (!value) {
                return core::Error{"expected an array of strings, got " +
                                   std::string(type_name((*array)[i])) + " at index " +
                                   std::to_string(i)};
            }
            values.push_back(value->get());
        }
        return values;
    }
    static std::string write(const std::vector<std::string>& values) {
        toml::array array;
        for (const auto& value : values) array.push_back(value);
        return as_toml(array);
    }
};

template <>
struct Codec<std::vector<std::vector<int>>> {
    static core::Result<std::vector<std::vector<int>>> read(const toml::node& node) {
        const auto* array = node.as_array();
        if (!array) return wrong_type("an array of arrays of integers", node);
        std::vector<std::vector<int>> values;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto* inner = (*array)[i].as_array();
            if (!inner) {
                return core::Error{"expected an array of arrays of integers, got " +
                                   std::string(type_name((*array)[i])) + " at index " +
                                   std::to_string(i)};
            }
            std::vector<int> row;
            for (std::size_t j = 0; j < inner->size(); ++j) {
                auto value = Codec<int>::read((*inner)[j]);
                if (!value) {
                    return core::Error{value.error().message + " at index " + std::to_string(i) +
                                       ", " + std::to_string(j)};
                }
                row.push_back(value.value());
            }
            values.push_back(std::move(row));
        }
        return values;
    }
    static std::string write(const std::vector<std::vector<int>>& values) {
        toml::array array;
        for (const auto& row : values) {
            toml::array inner;
            for (const int value : row) inner.push_back(value);
            array.push_back(std::move(inner));
        }
        return as_toml(array);
    }
};

template <class T>
Check<T> in_range(T low, T high) {
    return [low, high](const T& value) -> Problem {
        if (value >= low && value <= high) return std::nullopt;  // false for nan, too
        std::ostringstream out;
        out << value << " is out of range " << low << ".." << high;
        return out.str();
    };
}

Check<std::string> one_of(std::vector<std::string> allowed) {
    return [allowed = std::move(allowed)](const std::string& value) -> Problem {
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return std::nullopt;
        std::string list;
        for (const auto& each : allowed) list += (list.empty() ? "" : ", ") + each;
        return "'" + value + "' is not allowed (allowed: " + list + ")";
    };
}

/// Applies `check` to every element, reporting every element that fails it.
Check<std::vector<std::string>> each(Check<std::string> check) {
    return [check = std::move(check)](const std::vector<std::string>& values) -> Problem {
        std::string problems;
        for (const auto& value : values) {
            if (auto problem = check(value)) problems += (problems.empty() ? "" : "; ") + *problem;
        }
        if (problems.empty()) return std::nullopt;
        return problems;
    };
}

template <class T>
Problem non_empty(const T& value) {
    if (value.empty()) return "must not be empty";
    return std::nullopt;
}

/// Lane outlines: 3 points or more each, as x, y pairs, none negative.
Problem polygons(const std::vector<std::vector<int>>& values) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto& p = values[i];
        if (p.size() < 6 || p.size() % 2 != 0) {
            return "polygon " + std::to_string(i) +
                   " must be x, y pairs of 3 points or more, got " + std::to_string(p.size()) +
                   " numbers";
        }
        if (std::any_of(p.begin(), p.end(), [](int v) { return v < 0; })) {
            return "polygon " + std::to_string(i) + " has a negative coordinate";
        }
    }
    return std::nullopt;
}

/// gpsd's "host:port", or empty for no GPS.
Problem gpsd_address_or_empty(const std::string& value) {
    if (value.empty()) return std::nullopt;
    if (auto address = ::anpr::geo::parse_gpsd_address(value); !address) {
        return address.error().message;
    }
    return std::nullopt;
}

/// The uplink never sends plates in clear text.
Problem https_or_empty(const std::string& value) {
    if (value.empty() || value.rfind("https://", 0) == 0) return std::nullopt;
    return "'" + value + "' is not an https:// address: the unit sends reads only over TLS";
}

/// "HOST:PORT" for a server of the unit's, or empty for none.
Problem listen_address_or_empty(const std::string& value) {
    if (value.empty()) return std::nullopt;
    if (auto address = core::parse_listen_address(value); !address) return address.error().message;
    return std::nullopt;
}

/// A diagnostics shell account, "NAME:PASSWORD-HASH:RIGHTS".
Problem shell_account(const std::string& value) {
    if (auto account = parse_shell_account(value); !account) return account.error().message;
    return std::nullopt;
}

/// A compass direction, 0 up to (not including) 360 degrees; negative: not known.
Problem heading_or_unknown(const double& value) {
    if (value < 360) return std::nullopt;  // negative ones too; false for nan
    std::ostringstream out;
    out << value << " is out of range 0..360 (360 excluded; negative: not known)";
    return out.str();
}

/// Names that end up in record ids and file names: no spaces, slashes or quotes.
Problem identifier(const std::string& value) {
    if (value.empty()) return "must not be empty";
    if (value.size() > 64) return "'" + value + "' is longer than 64 characters";
    const auto allowed = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    };
    if (std::all_of(value.begin(), value.end(), allowed)) return std::nullopt;
    return "'" + value + "' may only hold A-Z, a-z, 0-9, '.', '_' and '-'";
}

/// The keys of one section: `ocr("language", &OcrConfig::language)` binds
/// `ocr.language` to `config.ocr.language`.
template <class S>
struct Section {
    std::string_view name;
    S AppConfig::*group;

    template <class T>
    Binding operator()(std::string_view key, T S::*member,
                       std::type_identity_t<Check<T>> check = {}) const {
        auto read = [section = *this, member, check = std::move(check)](
                        const toml::node& value, AppConfig& config) -> Problem {
            auto parsed = Codec<T>::read(value);
            if (!parsed) return parsed.error().message;
            if (check) {
                if (auto problem = check(parsed.value())) return problem;
            }
            (config.*section.group).*member = std::move(parsed).value();
            return std::nullopt;
        };
        auto write = [section = *this, member](const AppConfig& config) {
            return Codec<T>::write((config.*section.group).*member);
        };
        return Binding{name, key, std::move(read), std::move(write)};
    }
};

}  // namespace

const std::vector<Binding>& bindings() {
    static const std::vector<Binding> table = [] {
        const Section unit{"unit", &AppConfig::unit};
        const Section log{"log", &AppConfig::log};
        const Section capture{"capture", &AppConfig::capture};
        const Section localize{"localize", &AppConfig::localize};
        const Section ocr{"ocr", &AppConfig::ocr};
        const Section pipeline{"pipeline", &AppConfig::pipeline};
        const Section plates{"plates", &AppConfig::plates};
        const Section lanes{"lanes", &AppConfig::lanes};
        const Section tracking{"tracking", &AppConfig::tracking};
        const Section outbox{"outbox", &AppConfig::outbox};
        const Section uplink{"uplink", &AppConfig::uplink};
        const Section time{"time", &AppConfig::time};
        const Section evidence{"evidence", &AppConfig::evidence};
        const Section gps{"gps", &AppConfig::gps};
        const Section hitlist{"hitlist", &AppConfig::hitlist};
        const Section purpose{"purpose", &AppConfig::purpose};
        const Section diag{"diag", &AppConfig::diag};
        const auto categories =
            each(one_of({"stolen_vehicle", "wanted_person", "no_insurance",
                         "no_technical_inspection", "low_emission_zone", "watch"}));
        using U = PurposeConfig;
        using G = ::anpr::geo::GpsConfig;
        using P = ::anpr::plates::PlatesConfig;
        return std::vector<Binding>{
            unit("id", &UnitConfig::id, identifier),
            unit("site", &UnitConfig::site, identifier),
            unit("latitude", &UnitConfig::latitude, in_range(-90.0, 90.0)),
            unit("longitude", &UnitConfig::longitude, in_range(-180.0, 180.0)),
            unit("heading", &UnitConfig::heading, heading_or_unknown),
            log("level", &LogConfig::level,
                one_of({"trace", "debug", "info", "warn", "error", "critical", "off"})),
            log("file", &LogConfig::file),
            capture("source", &CaptureConfig::source, non_empty<std::string>),
            capture("loop", &CaptureConfig::loop),
            capture("interval_ms", &CaptureConfig::interval_ms, in_range(0, 60000)),
            capture("reconnect_min_s", &CaptureConfig::reconnect_min_s, in_range(0.01f, 60.f)),
            capture("reconnect_max_s", &CaptureConfig::reconnect_max_s, in_range(0.01f, 3600.f)),
            capture("stream_timeout_s", &CaptureConfig::stream_timeout_s, in_range(0.5f, 60.f)),
            localize("engine", &LocalizeConfig::engine, one_of({"detector", "classic"})),
            localize("model", &LocalizeConfig::model, non_empty<std::filesystem::path>),
            localize("min_score", &LocalizeConfig::min_score, in_range(0.f, 1.f)),
            localize("max_candidates", &LocalizeConfig::max_candidates, in_range(1, 64)),
            localize("min_plate_width", &LocalizeConfig::min_plate_width, in_range(8, 4000)),
            localize("max_plate_width", &LocalizeConfig::max_plate_width, in_range(8, 8000)),
            ocr("engine", &OcrConfig::engine, one_of({"tesseract", "cnn", "tesseract+cnn"})),
            ocr("model", &OcrConfig::model, non_empty<std::filesystem::path>),
            ocr("tessdata", &OcrConfig::tessdata),
            ocr("language", &OcrConfig::language, non_empty<std::string>),
            ocr("min_confidence", &OcrConfig::min_confidence, in_range(0.f, 1.f)),
            pipeline("threads", &PipelineConfig::threads, in_range(1, 8)),
            pipeline("motion_gate", &PipelineConfig::motion_gate),
            plates("countries", &P::countries, each(one_of(::anpr::plates::known_countries()))),
            plates("unformatted_factor", &P::unformatted_factor, in_range(0.f, 1.f)),
            plates("max_corrections", &P::max_corrections, in_range(0, 8)),
            lanes("names", &LanesConfig::names, each(identifier)),
            lanes("polygons", &LanesConfig::polygons, polygons),
            tracking("max_gap_s", &TrackingConfig::max_gap_s, in_range(0.05f, 10.f)),
            tracking("min_frames", &TrackingConfig::min_frames, in_range(1, 100)),
            tracking("min_overlap", &TrackingConfig::min_overlap, in_range(0.f, 1.f)),
            tracking("max_text_edits", &TrackingConfig::max_text_edits, in_range(0, 8)),
            tracking("timing_line", &TrackingConfig::timing_line, in_range(0.05f, 0.95f)),
            outbox("path", &OutboxConfig::path, non_empty<std::filesystem::path>),
            outbox("quota_mb", &OutboxConfig::quota_mb, in_range(1, 1000000)),
            outbox("crop_max_kb", &OutboxConfig::crop_max_kb, in_range(1, 16)),
            uplink("url", &UplinkConfig::url, https_or_empty),
            uplink("ca_file", &UplinkConfig::ca_file),
            uplink("cert_file", &UplinkConfig::cert_file),
            uplink("key_file", &UplinkConfig::key_file),
            uplink("batch", &UplinkConfig::batch, in_range(1, 1000)),
            uplink("connect_timeout_s", &UplinkConfig::connect_timeout_s, in_range(0.1f, 120.f)),
            uplink("timeout_s", &UplinkConfig::timeout_s, in_range(0.1f, 600.f)),
            uplink("retry_min_s", &UplinkConfig::retry_min_s, in_range(0.01f, 600.f)),
            uplink("retry_max_s", &UplinkConfig::retry_max_s, in_range(0.01f, 86400.f)),
            uplink("drain_s", &UplinkConfig::drain_s, in_range(0.f, 3600.f)),
            time("max_error_ms", &TimeConfig::max_error_ms, in_range(0.01f, 10000.f)),
            gps("gpsd", &G::gpsd, gpsd_address_or_empty),
            gps("max_age_s", &G::max_age_s, in_range(0.1f, 60.f)),
            gps("max_site_distance_m", &G::max_site_distance_m, in_range(1.f, 100000.f)),
            evidence("key_dir", &EvidenceConfig::key_dir, non_empty<std::filesystem::path>),
            hitlist("authority_key", &HitlistConfig::authority_key),
            hitlist("url", &HitlistConfig::url, https_or_empty),
            hitlist("store", &HitlistConfig::store, non_empty<std::filesystem::path>),
            hitlist("refresh_s", &HitlistConfig::refresh_s, in_range(1.f, 86400.f)),
            hitlist("max_mb", &HitlistConfig::max_mb, in_range(1, 4096)),
            hitlist("max_substitutions", &HitlistConfig::max_substitutions, in_range(0, 3)),
            purpose("purposes", &U::purposes, each(one_of({"traffic_safety", "crime_fighting"}))),
            purpose("traffic_safety_categories", &U::traffic_safety_categories, categories),
            purpose("crime_fighting_categories", &U::crime_fighting_categories, categories),
            purpose("traffic_safety_uploads_passages", &U::traffic_safety_uploads_passages),
            purpose("crime_fighting_uploads_passages", &U::crime_fighting_uploads_passages),
            purpose("retention_h", &U::retention_h, in_range(0.01f, 8760.f)),
            diag("listen", &DiagConfig::listen, listen_address_or_empty),
            diag("accounts", &DiagConfig::accounts, each(shell_account)),
            diag("tls_ca", &DiagConfig::tls_ca),
            diag("tls_cert", &DiagConfig::tls_cert),
            diag("tls_key", &DiagConfig::tls_key),
            diag("max_connections", &DiagConfig::max_connections, in_range(1, 1000)),
            diag("max_line_bytes", &DiagConfig::max_line_bytes, in_range(64, 1048576)),
            diag("idle_timeout_s", &DiagConfig::idle_timeout_s, in_range(1.f, 86400.f)),
            diag("max_failed_logins", &DiagConfig::max_failed_logins, in_range(1, 100)),
            diag("lockout_s", &DiagConfig::lockout_s, in_range(1.f, 86400.f)),
            diag("snapshot_dir", &DiagConfig::snapshot_dir, non_empty<std::filesystem::path>),
            diag("metrics", &DiagConfig::metrics, listen_address_or_empty),
        };
    }();
    return table;
}

namespace {

/// `upper` (key `upper_key`) may not be less than `lower` (key `lower_key`).
template <class S, class T>
CrossCheck not_below(std::string_view upper_key, std::string_view lower_key, S AppConfig::*section,
                     T S::*upper, T S::*lower) {
    return {upper_key, [=](const AppConfig& config) -> Problem {
                const S& values = config.*section;
                if (values.*upper >= values.*lower) return std::nullopt;
                std::ostringstream out;
                out << values.*upper << " is less than " << lower_key << " (" << values.*lower
                    << ")";
                return out.str();
            }};
}

}  // namespace

const std::vector<CrossCheck>& cross_checks() {
    static const std::vector<CrossCheck> checks{
        not_below("capture.reconnect_max_s", "capture.reconnect_min_s", &AppConfig::capture,
                  &CaptureConfig::reconnect_max_s, &CaptureConfig::reconnect_min_s),
        not_below("localize.max_plate_width", "localize.min_plate_width", &AppConfig::localize,
                  &LocalizeConfig::max_plate_width, &LocalizeConfig::min_plate_width),
        {"lanes.polygons",
         [](const AppConfig& config) -> Problem {
             const auto& lanes = config.lanes;
             if (lanes.names.size() == lanes.polygons.size()) return std::nullopt;
             return std::to_string(lanes.polygons.size()) + " polygons for " +
                    std::to_string(lanes.names.size()) + " lanes.names: one each";
         }},
        not_below("uplink.retry_max_s", "uplink.retry_min_s", &AppConfig::uplink,
                  &UplinkConfig::retry_max_s, &UplinkConfig::retry_min_s),
        {"hitlist.url",
         [](const AppConfig& config) -> Problem {
             const auto& hitlist = config.hitlist;
             if (hitlist.url.empty()) return std::nullopt;
             if (hitlist.authority_key.empty()) {
                 return "fetching hit lists needs hitlist.authority_key, to check their signatures";
             }
             if (config.uplink.ca_file.empty() || config.uplink.cert_file.empty() ||
                 config.uplink.key_file.empty()) {
                 return "fetching hit lists needs uplink.ca_file, cert_file and key_file (mutual "
                        "TLS)";
             }
             return std::nullopt;
         }},
        {"diag.listen",
         [](const AppConfig& config) -> Problem {
             const auto& diag = config.diag;
             const int tls_files =
                 !diag.tls_ca.empty() + !diag.tls_cert.empty() + !diag.tls_key.empty();
             if (tls_files != 0 && tls_files != 3) {
                 return "diag.tls_ca, tls_cert and tls_key go together: all three or none";
             }
             const auto address = core::parse_listen_address(diag.listen);
             if (address && !address.value().host.is_loopback() && tls_files == 0) {
                 return "'" + diag.listen +
                        "' is not loopback: a shell reachable from the network needs diag.tls_ca, "
                        "tls_cert and tls_key (client certificates)";
             }
             std::set<std::string> names;
             for (const auto& text : diag.accounts) {
                 auto account = parse_shell_account(text);
                 if (account && !names.insert(account.value().name).second) {
                     return "diag.accounts names '" + account.value().name + "' twice";
                 }
             }
             return std::nullopt;
         }},
        {"diag.metrics",
         [](const AppConfig& config) -> Problem {
             const auto address = core::parse_listen_address(config.diag.metrics);
             if (!address || address.value().host.is_loopback()) return std::nullopt;
             return "'" + config.diag.metrics +
                    "' is not loopback: metrics are served on loopback only (scrape them through "
                    "the unit's own exporter or tunnel)";
         }},
        {"uplink.url",
         [](const AppConfig& config) -> Problem {
             const auto& uplink = config.uplink;
             if (uplink.url.empty()) return std::nullopt;
             std::string missing;
             for (const auto& [key, file] :
                  {std::pair{"ca_file", &uplink.ca_file}, std::pair{"cert_file", &uplink.cert_file},
                   std::pair{"key_file", &uplink.key_file}}) {
                 if (file->empty())
                     missing += std::string(missing.empty() ? "" : ", ") + "uplink." + key;
             }
             if (missing.empty()) return std::nullopt;
             return "mutual TLS needs " + missing + " as well";
         }},
    };
    return checks;
}

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::none:
            return "nothing";
        case toml::node_type::table:
            return "table";
        case toml::node_type::array:
            return "array";
        case toml::node_type::string:
            return "string";
        case toml::node_type::integer:
            return "integer";
        case toml::node_type::floating_point:
            return "float";
        case toml::node_type::boolean:
            return "boolean";
        case toml::node_type::date:
            return "date";
        case toml::node_type::time:
            return "time";
        case toml::node_type::date_time:
            return "date-time";
    }
    return "unknown";
}

}  // namespace anpr::config::schema
