#pragma once
/// JSON form of a vehicle's passage: the `anpr passages --json` line (the
/// unit's record is uplink/read_record.hpp).

#include <nlohmann/json.hpp>

#include "tracking/passage.hpp"

namespace anpr::uplink {

/// {"source", "text", "display", "country", "confidence", "candidates",
///  "direction", "lane", "frames_read", "first"/"last"/"best": {"frame", "captured_utc",
///  "box"}, "best_crop_jpeg": base64 JPEG of the plate of at most
///  `crop_max_bytes` (uplink/crop_jpeg.hpp), "" when there is none,
///  "line": {"row", "frames", "captured_utc", "error_ms"} when the plate was
///  read on both sides of the timing line}.
nlohmann::ordered_json passage_json(const tracking::Passage& passage,
                                    std::size_t crop_max_bytes = 16384);

}  // namespace anpr::uplink
