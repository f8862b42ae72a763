#pragma once
/// Section control, as a pilot tool for the coordination cell: a plate read
/// by unit A and then by unit B a known distance further gives its average
/// speed, with the uncertainty that both units' clock errors and the timing
/// of the plate's crossing of each unit's timing line allow.

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
    /// When the plate crossed the unit's timing line; the best sighting's
    /// capture time when the record has no `line`.
    std::chrono::system_clock::time_point time;
    std::optional<double> clock_error_ms;  ///< none: the unit's clock was unsynchronised
    std::optional<double> line_error_ms;   ///< none: not timed at the line
    bool fit_for_enforcement = false;      ///< the unit's clock was fit for it
};

/// The record's plate, time (at the timing line, else the best sighting) and
/// clock quality; nothing for a record without them (version 1, or not a
/// read record) or with a malformed `line`.
std::optional<SectionRead> section_read(const nlohmann::json& record);

struct SectionSpeed {
    std::string text;
    std::string from_id;
    std::string to_id;
    double seconds = 0;  ///< from A's time to B's
    double kmh = 0;      ///< the distance over `seconds`
    /// The speeds the errors of both clocks and both line crossings allow;
    /// none when one is unknown (an unsynchronised clock, a read not timed
    /// at its line), or so large that the time between the units may be zero.
    std::optional<double> low_kmh;
    std::optional<double> high_kmh;
    /// Both clocks were fit for speed enforcement and both reads were timed
    /// at their lines.
    bool fit_for_enforcement = false;
};

/// Pairs each read at A with the next read of the same plate at B, later
/// and within `window`, each B read used once, and gives their average
/// speeds over `distance_m`, in A's time order.
std::vector<SectionSpeed> section_speeds(std::vector<SectionRead> from, std::vector<SectionRead> to,
                                         double distance_m, std::chrono::seconds window);

}  // namespace anpr::section
