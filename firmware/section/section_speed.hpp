#pragma once
/// Section control, as a pilot tool for the coordination cell: a plate read
/// by unit A and then by unit B a known distance further gives its average
/// speed, with the uncertainty that both units' clock errors allow.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace anpr::section {

/// What section control needs of one read record.
struct SectionRead {
    std::string id;
    std::string text;
    std::chrono::system_clock::time_point time;  ///< the best sighting's capture time
    std::optional<double> clock_error_ms;        ///< none: the unit's clock was unsynchronised
    bool fit_for_enforcement = false;
};

/// The record's plate, best sighting time and clock quality; nothing for a
/// record without them (version 1, or not a read record).
std::optional<SectionRead> section_read(const nlohmann::json& record);

struct SectionSpeed {
    std::string text;
    std::string from_id;
    std::string to_id;
    double seconds = 0;  ///< from A's sighting to B's
    double kmh = 0;      ///< the distance over `seconds`
    /// The speeds the clock errors allow; none when an error is unknown, or
    /// so large that the time between the units may be zero.
    std::optional<double> low_kmh;
    std::optional<double> high_kmh;
    bool fit_for_enforcement = false;  ///< both reads were
};

/// Pairs each read at A with the next read of the same plate at B, later
/// and within `window`, each B read used once, and gives their average
/// speeds over `distance_m`, in A's time order.
std::vector<SectionSpeed> section_speeds(std::vector<SectionRead> from, std::vector<SectionRead> to,
                                         double distance_m, std::chrono::seconds window);

}  // namespace anpr::section
