#pragma once
/// A read record valid against docs/read-record.schema.json, for the
/// receiver's tests; each test breaks a copy of it in one place.

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

}  // namespace anpr::receiver::testing
