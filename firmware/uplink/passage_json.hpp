#pragma once
/// JSON form of a vehicle's passage: the `anpr passages --json` line and the
/// unit's passage record.

#include <nlohmann/json.hpp>

#include "config/app_config.hpp"
#include "tracking/passage.hpp"

namespace anpr::uplink {

/// {"source", "text", "display", "country", "confidence", "candidates",
///  "direction", "lane", "frames_read", "first"/"last"/"best": {"frame", "captured_utc",
///  "box"}, "best_crop_jpeg": base64 JPEG of the plate, "" when there is none}.
nlohmann::ordered_json passage_json(const tracking::Passage& passage);

/// A passage as the unit records it: {"unit", "site", "passage": passage_json}.
nlohmann::ordered_json passage_record_json(const config::UnitConfig& unit,
                                           const tracking::Passage& passage);

}  // namespace anpr::uplink
