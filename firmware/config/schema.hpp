#pragma once
/// Internal to anpr_config: the one table that binds every TOML key to its
/// AppConfig member. Parsing and print_config both walk it, so they cannot
/// disagree on the set of keys; adding a key is adding one line in schema.cpp.

#include <toml++/toml.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/app_config.hpp"

namespace anpr::config::schema {

/// Why a value does not fit, in words, without the key; nullopt when it fits.
using Problem = std::optional<std::string>;

/// One key of the config file, `section.name`, bound to one AppConfig member.
struct Binding {
    std::string_view section;
    std::string_view name;
    /// Stores `value` in the member, or leaves the config alone and says why not.
    std::function<Problem(const toml::node& value, AppConfig& config)> read;
    /// The member's value as TOML text, e.g. `0.35` or `["BE", "NL"]`.
    std::function<std::string(const AppConfig& config)> write;

    std::string full_name() const { return std::string(section) + "." + std::string(name); }
};

/// A rule between keys, checked once all keys have been read; blamed on `key`.
struct CrossCheck {
    std::string_view key;
    std::function<Problem(const AppConfig& config)> check;
};

/// Every key, in file order; the keys of one section stand together.
const std::vector<Binding>& bindings();

const std::vector<CrossCheck>& cross_checks();

/// A TOML value's type as a person reads it: "string", "integer", "float", ...
std::string_view type_name(const toml::node& node);

}  // namespace anpr::config::schema
