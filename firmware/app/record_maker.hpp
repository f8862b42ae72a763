#pragma once
/// Makes the unit's records as the outbox stores them: built from a passage
/// with the moment's clock quality and position, then signed with the
/// unit's key and chained to the unit's previous record (docs/evidence.md).

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "evidence/signing_key.hpp"
#include "uplink/outbox.hpp"
#include "uplink/read_record.hpp"

namespace anpr::app {

class RecordMaker {
  public:
    /// Loads the unit's key from evidence.key_dir, making the pair on the
    /// first start; an Error names a key that cannot be read or written, or
    /// a model file that cannot be hashed.
    static core::Result<RecordMaker> create(const config::AppConfig& config);

    /// What the outbox calls to make `passage`'s record once it knows its
    /// number and the previous record's hash; `hits` (hitlist/hits_json.hpp),
    /// when not null, says what it hit on the hit list.
    uplink::MakeRecord make(const tracking::Passage& passage, uplink::RecordKind kind,
                            uplink::RecordMoment moment,
                            nlohmann::ordered_json hits = nullptr) const;

    /// The same for any kind of record: `body(seq)` is the record numbered
    /// `seq` without its signature fields (an audit record, say).
    uplink::MakeRecord sign(std::function<nlohmann::ordered_json(std::uint64_t seq)> body) const;

    const uplink::RecordOrigin& origin() const { return origin_; }

  private:
    RecordMaker(uplink::RecordOrigin origin, evidence::SigningKey key)
        : origin_(std::move(origin)), key_(std::move(key)) {}
    uplink::RecordOrigin origin_;
    evidence::SigningKey key_;
};

}  // namespace anpr::app
