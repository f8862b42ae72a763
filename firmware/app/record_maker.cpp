#include "app/record_maker.hpp"

#include "app/record_origin.hpp"
#include "evidence/record_chain.hpp"
#include "logging/logging.hpp"

namespace anpr::app {
namespace {

/// The unit's key: read from `folder`, or made there on the first start.
core::Result<evidence::SigningKey> unit_key(const std::filesystem::path& folder) {
    const auto private_key = folder / evidence::kPrivateKeyFile;
    if (std::filesystem::exists(private_key)) return evidence::SigningKey::load(private_key);
    auto made = evidence::SigningKey::generate();
    if (!made) return made.error();
    if (auto written = made.value().write_pair(folder); !written) return written.error();
    logging::logger("unit")->warn(
        "made this unit's signing key (key id {}): register '{}' with the coordination cell",
        evidence::key_id(made.value().public_key()), (folder / evidence::kPublicKeyFile).string());
    return made;
}

}  // namespace

core::Result<RecordMaker> RecordMaker::create(const config::AppConfig& config) {
    auto origin = record_origin(config);
    if (!origin) return origin.error();
    auto key = unit_key(config.evidence.key_dir);
    if (!key) return key.error();
    return RecordMaker(std::move(origin).value(), std::move(key).value());
}

uplink::MakeRecord RecordMaker::make(const tracking::Passage& passage, uplink::RecordKind kind,
                                     uplink::RecordMoment moment,
                                     nlohmann::ordered_json hits) const {
    return sign([this, &passage, kind, moment = std::move(moment),
                 hits = std::move(hits)](std::uint64_t seq) {
        auto record = uplink::read_record(origin_, passage, kind, seq, moment);
        if (!hits.is_null()) record["hits"] = hits;
        return record;
    });
}

uplink::MakeRecord RecordMaker::sign(
    std::function<nlohmann::ordered_json(std::uint64_t seq)> body) const {
    return [this, body = std::move(body)](
               std::uint64_t seq, const std::string& prev_hash) -> core::Result<uplink::NewRecord> {
        auto signed_record = evidence::sign_record(body(seq), prev_hash, key_);
        if (!signed_record) {
            return core::Error{"cannot sign record " + uplink::record_id(origin_.unit.id, seq) +
                               ": " + signed_record.error().message};
        }
        return uplink::NewRecord{uplink::record_id(origin_.unit.id, seq),
                                 std::move(signed_record.value().text),
                                 std::move(signed_record.value().hash)};
    };
}

}  // namespace anpr::app
