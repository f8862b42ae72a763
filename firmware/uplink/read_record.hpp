#pragma once
/// The read record: what the unit sends the central network for each
/// vehicle's passage or still-image read. Schema "anpr.read/1":
/// docs/read-record.md and docs/read-record.schema.json.

#include <chrono>
#include <cstdint>
#include <string>

#include "config/app_config.hpp"
#include "tracking/passage.hpp"
#include "uplink/outbox.hpp"

namespace anpr::uplink {

inline constexpr const char* kReadRecordSchema = "anpr.read/1";

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

/// The record of `passage`, numbered `seq`, produced at `produced`.
NewRecord read_record(const RecordOrigin& origin, const tracking::Passage& passage, RecordKind kind,
                      std::uint64_t seq, std::chrono::system_clock::time_point produced);

}  // namespace anpr::uplink
