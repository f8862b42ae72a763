#pragma once
/// One entry of the hit list: a plate the police or the road agency look
/// for, why, how urgently, and what the officer must do.

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace anpr::hitlist {

enum class Category {
    stolen_vehicle,
    wanted_person,
    no_insurance,
    no_technical_inspection,
    low_emission_zone,
    watch,
};

inline constexpr std::array kCategories{
    Category::stolen_vehicle,          Category::wanted_person,     Category::no_insurance,
    Category::no_technical_inspection, Category::low_emission_zone, Category::watch,
};

/// "stolen_vehicle", "wanted_person", ...: the name in lists, config and records.
std::string_view category_name(Category category);
/// The category named `name`; nothing for an unknown name.
std::optional<Category> category_named(std::string_view name);

struct HitEntry {
    std::string plate;    ///< upper-case letters and digits, as the unit reads them
    std::string country;  ///< ISO 3166 code, "" for any country
    Category category = Category::watch;
    int priority = 5;    ///< 1 (most urgent) to 9
    std::string action;  ///< what the officer must do
    std::chrono::system_clock::time_point expires;
};

/// Entries are told apart by plate, country and category: a delta replaces
/// or removes the entry with the same key.
struct EntryKey {
    std::string plate;
    std::string country;
    Category category = Category::watch;
    auto operator<=>(const EntryKey&) const = default;
};

/// Whole seconds since 1970, as the list and its store keep times.
inline std::int64_t seconds_of(std::chrono::system_clock::time_point time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

inline EntryKey key_of(const HitEntry& entry) {
    return {entry.plate, entry.country, entry.category};
}

}  // namespace anpr::hitlist
