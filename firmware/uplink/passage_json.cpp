#include "uplink/passage_json.hpp"

#include <openssl/evp.h>

#include <cmath>
#include <string>

#include "capture/image_encode.hpp"
#include "uplink/read_json.hpp"

namespace anpr::uplink {
namespace {

constexpr int kCropQuality = 85;

double rounded(double value) { return std::round(value * 1000.0) / 1000.0; }

std::string base64(const std::vector<std::uint8_t>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

nlohmann::ordered_json sighting_json(const tracking::Sighting& sighting) {
    const cv::Rect& box = sighting.read.box;
    return {{"frame", sighting.frame},
            {"captured_utc", iso8601_utc(sighting.time.utc)},
            {"box", {box.x, box.y, box.width, box.height}}};
}

}  // namespace

nlohmann::ordered_json passage_json(const tracking::Passage& passage) {
    nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
    for (const auto& c : passage.candidates) {
        candidates.push_back({{"text", c.text}, {"confidence", rounded(c.confidence)}});
    }
    std::string crop;
    if (auto jpeg = capture::encode_jpeg(passage.best_crop, kCropQuality))
        crop = base64(jpeg.value());
    return {{"source", passage.source},
            {"text", passage.text},
            {"display", passage.display},
            {"country", passage.country},
            {"confidence", rounded(passage.confidence)},
            {"candidates", candidates},
            {"direction", std::string(tracking::direction_name(passage.direction))},
            {"lane", passage.lane},
            {"frames_read", passage.frames_read},
            {"first", sighting_json(passage.first)},
            {"last", sighting_json(passage.last)},
            {"best", sighting_json(passage.best)},
            {"best_crop_jpeg", crop}};
}

nlohmann::ordered_json passage_record_json(const config::UnitConfig& unit,
                                           const tracking::Passage& passage) {
    return {{"unit", unit.id}, {"site", unit.site}, {"passage", passage_json(passage)}};
}

}  // namespace anpr::uplink
