#include "uplink/read_json.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace anpr::uplink {
double three_decimals(double value) { return std::round(value * 1000.0) / 1000.0; }

nlohmann::ordered_json candidates_json(const std::vector<core::TextCandidate>& candidates) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& c : candidates) {
        list.push_back({{"text", c.text}, {"confidence", three_decimals(c.confidence)}});
    }
    return list;
}

nlohmann::ordered_json plate_json(const core::PlateRead& plate) {
    return {{"text", plate.text},
            {"display", plate.display},
            {"country", plate.country},
            {"confidence", three_decimals(plate.confidence)},
            {"box", {plate.box.x, plate.box.y, plate.box.width, plate.box.height}},
            {"candidates", candidates_json(plate.candidates)}};
}

core::Result<core::PlateRead> parse_plate_json(const nlohmann::ordered_json& json) {
    try {
        core::PlateRead plate;
        plate.text = json.at("text").get<std::string>();
        plate.display = json.at("display").get<std::string>();
        plate.country = json.at("country").get<std::string>();
        plate.confidence = json.at("confidence").get<float>();
        const auto box = json.at("box").get<std::vector<int>>();
        if (box.size() != 4) return core::Error{"plate box must have 4 numbers"};
        plate.box = cv::Rect(box[0], box[1], box[2], box[3]);
        for (const auto& c : json.at("candidates")) {
            plate.candidates.push_back(
                {c.at("text").get<std::string>(), c.at("confidence").get<float>()});
        }
        return plate;
    } catch (const nlohmann::json::exception& e) {
        return core::Error{std::string("bad plate JSON: ") + e.what()};
    }
}

nlohmann::ordered_json image_reads_json(const std::string& image, double ms,
                                        const std::vector<core::PlateRead>& plates) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& plate : plates) list.push_back(plate_json(plate));
    return {{"image", image}, {"ms", std::round(ms * 10.0) / 10.0}, {"plates", list}};
}

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char date_time[24];
    std::strftime(date_time, sizeof date_time, "%Y-%m-%dT%H:%M:%S", &utc);
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms % 1000));
    return std::string(date_time) + millis;
}

std::string valid_utf8(const std::string& text) {
    const auto quoted =
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(quoted).get<std::string>();
}

}  // namespace anpr::uplink
