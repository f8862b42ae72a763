#pragma once
/// Read records valid against docs/read-record.schema.json (version 1) and
/// docs/read-record-2.schema.json, for the receiver's tests; each test breaks
/// a copy of one in one place.

#include <nlohmann/json.hpp>
#include <string>

namespace anpr::receiver::testing {

inline nlohmann::json sample_record(int seq = 1) {
    const nlohmann::json sighting = {
        {"frame", 100}, {"captured_utc", "2026-11-29T10:24:00.123Z"}, {"box", {10, 20, 130, 30}}};
    return {
        {"schema", "anpr.read/1"},
        {"id", "unit-0001/" + std::to_string(seq)},
        {"seq", seq},
        {"unit", "unit-0001"},
        {"site", "site-e40"},
        {"kind", "passage"},
        {"source", "rtsp://camera-1/stream"},
        {"text", "1ABC123"},
        {"display", "1-ABC-123"},
        {"country", "BE"},
        {"confidence", 0.93},
        {"candidates",
         {{{"text", "1ABC123"}, {"confidence", 0.93}},
          {{"text", "1ABC128"}, {"confidence", 0.41}}}},
        {"direction", "approaching"},
        {"lane", "1"},
        {"frames_read", 7},
        {"first", sighting},
        {"best", sighting},
        {"last", sighting},
        {"best_crop_jpeg", "/9j/4AAQSkZJRgABAQ=="},
        {"position", {{"lat", 50.85}, {"lon", 4.35}, {"source", "config"}}},
        {"produced_utc", "2026-11-29T10:24:01.000Z"},
        {"firmware", "0.1.0"},
        {"models", {{"detector", "plate-detector-1"}, {"reader", "plate-reader-1"}}},
    };
}

/// The same read as version 2, with placeholder hashes and signature (the
/// receiver does not check them).
inline nlohmann::json sample_record_2(int seq = 1) {
    nlohmann::json record = sample_record(seq);
    record["schema"] = "anpr.read/2";
    record["time"] = {{"source", "ntp"},
                      {"error_ms", 1.5},
                      {"fit_for_enforcement", true},
                      {"reference", "pool.ntp.org"}};
    record["crop_sha256"] = "";
    record["prev_hash"] = std::string(64, '0');
    record["key_id"] = "0123456789abcdef";
    record["signature"] = std::string(86, 'A') + "==";
    return record;
}

/// A hit on the hit list for sample_record's plate: a look-alike of 1ABC128.
inline nlohmann::json sample_hit() {
    return {{"list_version", 42},
            {"plate", "1ABC128"},
            {"country", "BE"},
            {"category", "stolen_vehicle"},
            {"priority", 1},
            {"action", "Stop the vehicle and call the duty officer."},
            {"expires_utc", "2026-12-06T10:00:00Z"},
            {"matched_text", "1ABC123"},
            {"match", "look-alike"},
            {"substitutions", {{{"position", 6}, {"read", "3"}, {"listed", "8"}}}}};
}

}  // namespace anpr::receiver::testing
