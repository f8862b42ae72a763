#include "uplink/passage_json.hpp"

#include <cmath>
#include <string>

#include "uplink/crop_jpeg.hpp"
#include "uplink/read_json.hpp"

namespace anpr::uplink {
namespace {

nlohmann::ordered_json sighting_json(const tracking::Sighting& sighting) {
    const cv::Rect& box = sighting.read.box;
    return {{"frame", sighting.frame},
            {"captured_utc", iso8601_utc(sighting.time.utc)},
            {"box", {box.x, box.y, box.width, box.height}}};
}

/// {"row", "frames", "captured_utc", "error_ms"}: the crossing's time, and its
/// bound in whole milliseconds, rounded up, with the millisecond that
/// captured_utc drops added.
nlohmann::ordered_json line_json(const tracking::LineCrossing& line) {
    return {{"row", line.row},
            {"frames", {line.frame_before, line.frame_after}},
            {"captured_utc", iso8601_utc(line.time.utc)},
            {"error_ms", static_cast<int>(std::ceil(line.error_s * 1000.0)) + 1}};
}

}  // namespace

nlohmann::ordered_json passage_json(const tracking::Passage& passage, std::size_t crop_max_bytes) {
    nlohmann::ordered_json json = {
        {"source", passage.source},
        {"text", passage.text},
        {"display", passage.display},
        {"country", passage.country},
        {"confidence", three_decimals(passage.confidence)},
        {"candidates", candidates_json(passage.candidates)},
        {"direction", std::string(tracking::direction_name(passage.direction))},
        {"lane", passage.lane},
        {"frames_read", passage.frames_read},
        {"first", sighting_json(passage.first)},
        {"last", sighting_json(passage.last)},
        {"best", sighting_json(passage.best)},
        {"best_crop_jpeg", crop_jpeg_base64(passage.best_crop, crop_max_bytes)}};
    if (passage.line) json["line"] = line_json(*passage.line);
    return json;
}

}  // namespace anpr::uplink
