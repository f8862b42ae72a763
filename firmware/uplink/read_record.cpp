#include "uplink/read_record.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "evidence/record_chain.hpp"
#include "uplink/passage_json.hpp"
#include "uplink/read_json.hpp"

namespace anpr::uplink {
namespace {

nlohmann::ordered_json clock_json(const timekeeping::ClockQuality& clock) {
    nlohmann::ordered_json json{{"source", timekeeping::source_name(clock.source)}};
    // Microseconds are finer than any clock's error bound here.
    if (clock.error_ms) json["error_ms"] = std::round(*clock.error_ms * 1000.0) / 1000.0;
    json["fit_for_enforcement"] = clock.fit_for_enforcement;
    json["reference"] = clock.reference;
    return json;
}

}  // namespace

std::string record_id(const std::string& unit_id, std::uint64_t seq) {
    return unit_id + "/" + std::to_string(seq);
}

nlohmann::ordered_json read_record(const RecordOrigin& origin, const tracking::Passage& passage,
                                   RecordKind kind, std::uint64_t seq, const RecordMoment& moment) {
    nlohmann::ordered_json record{
        {"schema", kReadRecordSchema},
        {"id", record_id(origin.unit.id, seq)},
        {"seq", seq},
        {"unit", origin.unit.id},
        {"site", origin.unit.site},
        {"kind", kind == RecordKind::passage ? "passage" : "still"},
    };
    record.update(passage_json(passage, origin.crop_max_bytes));
    // A file name need not be UTF-8; a record (and its signature) must be.
    record["source"] = valid_utf8(passage.source);
    auto crop_hash = evidence::crop_sha256(record["best_crop_jpeg"].get<std::string>());
    record["crop_sha256"] = crop_hash ? crop_hash.value() : std::string();
    record["position"] = moment.position;
    if (origin.unit.heading >= 0) record["position"]["camera_heading_deg"] = origin.unit.heading;
    record["time"] = clock_json(moment.clock);
    record["produced_utc"] = iso8601_utc(moment.produced);
    record["firmware"] = origin.firmware;
    record["models"] = {{"detector", origin.detector_model}, {"reader", origin.reader_model}};
    return record;
}

}  // namespace anpr::uplink
