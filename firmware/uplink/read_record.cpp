#include "uplink/read_record.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "uplink/passage_json.hpp"
#include "uplink/read_json.hpp"

namespace anpr::uplink {
namespace {

// Seven decimals of a degree: about a centimetre, far finer than any fix.
double seven_decimals(double value) { return std::round(value * 1e7) / 1e7; }

}  // namespace

std::string record_id(const std::string& unit_id, std::uint64_t seq) {
    return unit_id + "/" + std::to_string(seq);
}

NewRecord read_record(const RecordOrigin& origin, const tracking::Passage& passage, RecordKind kind,
                      std::uint64_t seq, std::chrono::system_clock::time_point produced) {
    std::string id = record_id(origin.unit.id, seq);
    nlohmann::ordered_json record{
        {"schema", kReadRecordSchema},
        {"id", id},
        {"seq", seq},
        {"unit", origin.unit.id},
        {"site", origin.unit.site},
        {"kind", kind == RecordKind::passage ? "passage" : "still"},
    };
    record.update(passage_json(passage, origin.crop_max_bytes));
    record["position"] = {{"lat", seven_decimals(origin.unit.latitude)},
                          {"lon", seven_decimals(origin.unit.longitude)},
                          {"source", "config"}};
    record["produced_utc"] = iso8601_utc(produced);
    record["firmware"] = origin.firmware;
    record["models"] = {{"detector", origin.detector_model}, {"reader", origin.reader_model}};
    return {std::move(id), record.dump()};
}

}  // namespace anpr::uplink
