#pragma once
/// The read record: what the unit sends the central network for each
/// vehicle's passage or still-image read. Schema "anpr.read/2":
/// docs/read-record.md and docs/read-record-2.schema.json. The unit signs
/// it before it is stored (app/record_maker.hpp, evidence/).

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "config/app_config.hpp"
#include "timekeeping/clock_quality.hpp"
#include "tracking/passage.hpp"
#include "uplink/outbox.hpp"

namespace anpr::uplink {

inline constexpr const char* kReadRecordSchema = "anpr.read/2";

/// What every record of this unit says of where it comes from.
struct RecordOrigin {
    config::UnitConfig unit;
    std::string firmware;        ///< the firmware's version
    std::string detector_model;  ///< app/model_versions.hpp
    std::string reader_model;
    std::size_t crop_max_bytes = 8192;
};

enum class RecordKind { passage, still };

/// The record id for `seq`: "<unit id>/<seq>", the receiver's idempotency key.
std::string record_id(const std::string& unit_id, std::uint64_t seq);

/// What the unit knew when it produced a record: its clock's quality and
/// where it stood.
struct RecordMoment {
    std::chrono::system_clock::time_point produced;
    timekeeping::ClockQuality clock;
    /// The record's "position": {lat, lon, source, ...} (app/whereabouts.hpp).
    nlohmann::ordered_json position;
};

/// The record of `passage`, numbered `seq`, without its signature fields
/// (prev_hash, key_id, signature), which evidence::sign_record adds.
nlohmann::ordered_json read_record(const RecordOrigin& origin, const tracking::Passage& passage,
                                   RecordKind kind, std::uint64_t seq, const RecordMoment& moment);

}  // namespace anpr::uplink
