#pragma once
/// Signed read records as a unit makes them, for the evidence tests.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "evidence/base64.hpp"
#include "evidence/record_chain.hpp"

namespace anpr::evidence {

/// An anpr.read record numbered `seq`, crop and crop hash included, unsigned.
inline nlohmann::ordered_json sample_record(std::uint64_t seq,
                                            const std::string& unit = "unit-0042") {
    const std::string plate = "1ABC" + std::to_string(100 + seq);
    const std::string crop = base64_encode("\xff\xd8\xff\xe0 JPEG of plate " + plate + " \xff\xd9");
    const std::string second = "2026-11-29T18:58:" + std::to_string(10 + seq % 50) + ".169Z";
    const nlohmann::ordered_json sighting = {
        {"frame", seq * 10}, {"captured_utc", second}, {"box", {187, 388, 227, 54}}};
    return {
        {"schema", "anpr.read/2"},
        {"id", unit + "/" + std::to_string(seq)},
        {"seq", seq},
        {"unit", unit},
        {"site", "e40-km12"},
        {"kind", "passage"},
        {"source", "rtsp://camera-3/stream"},
        {"text", plate},
        {"display", "1-ABC-" + std::to_string(100 + seq)},
        {"country", "BE"},
        {"confidence", 0.996},
        {"candidates",
         {{{"text", plate}, {"confidence", 0.996}},
          {{"text", "I" + plate.substr(1)}, {"confidence", 0.931}}}},
        {"direction", "approaching"},
        {"lane", ""},
        {"frames_read", 7},
        {"first", sighting},
        {"best", sighting},
        {"last", sighting},
        {"best_crop_jpeg", crop},
        {"crop_sha256", crop_sha256(crop).value()},
        {"position", {{"lat", 50.8466123}, {"lon", 4.3528}, {"source", "config"}}},
        {"produced_utc", "2026-11-29T18:59:0" + std::to_string(seq % 10) + ".190Z"},
        {"firmware", "0.2.0"},
        {"models", {{"detector", "plate_detector@0123456789ab"}, {"reader", "tesseract-5.3.0"}}}};
}

/// `count` records from `first_seq` on, each signed after the one before;
/// the first after `prev_hash`. One JSON text per line, as a unit sends them.
inline std::vector<std::string> signed_lines(const SigningKey& key, std::size_t count,
                                             std::uint64_t first_seq = 1,
                                             std::string prev_hash = std::string(kNoPrevHash),
                                             const std::string& unit = "unit-0042") {
    std::vector<std::string> lines;
    for (std::uint64_t seq = first_seq; seq < first_seq + count; ++seq) {
        auto signed_record = sign_record(sample_record(seq, unit), prev_hash, key).value();
        prev_hash = signed_record.hash;
        lines.push_back(std::move(signed_record.text));
    }
    return lines;
}

}  // namespace anpr::evidence
