#pragma once
/// JSON forms of plate reads: the `anpr read --json` line.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::uplink {

/// Confidences are shown to people and compared in tests: three decimals do.
double three_decimals(double value);

/// [{"text", "confidence"}, ...], best first.
nlohmann::ordered_json candidates_json(const std::vector<core::TextCandidate>& candidates);

/// {"text", "display", "country", "confidence", "box": [x, y, w, h], "candidates": [...]}
nlohmann::ordered_json plate_json(const core::PlateRead& plate);

/// The inverse of plate_json; an Error names the missing or mistyped field.
core::Result<core::PlateRead> parse_plate_json(const nlohmann::ordered_json& json);

/// One image's reads: {"image": ..., "ms": ..., "plates": [...]}.
nlohmann::ordered_json image_reads_json(const std::string& image, double ms,
                                        const std::vector<core::PlateRead>& plates);

/// `text` with every byte that is not part of valid UTF-8 replaced by U+FFFD:
/// a record (and its signature) must be UTF-8, a file name or a client's
/// line need not be.
std::string valid_utf8(const std::string& text);

/// UTC time as ISO 8601 with milliseconds, e.g. "2026-11-29T10:24:00.123Z".
std::string iso8601_utc(std::chrono::system_clock::time_point time);

}  // namespace anpr::uplink
