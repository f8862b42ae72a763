#pragma once
/// Checks a stream of one unit's signed read records, in order, against the
/// unit's public key, and says where the chain first breaks.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "evidence/signing_key.hpp"

namespace anpr::evidence {

/// Where and why a stream stops being the unit's own unbroken chain.
struct Break {
    std::size_t line = 0;
    std::optional<std::uint64_t> seq;  ///< as the record says, when it says
    std::string id;                    ///< as the record says, "" when it does not
    std::string reason;
};

/// "line 7 (seq 42, id unit-0042/42): <reason>"
std::string describe(const Break& at);

/// What an unbroken stream holds.
struct ChainSummary {
    std::size_t records = 0;
    std::string unit;
    std::uint64_t first_seq = 0;
    std::uint64_t last_seq = 0;
    /// The first record is the unit's first signed record (prev_hash all
    /// zeros); otherwise the stream is an excerpt whose first link to its
    /// predecessor could not be checked.
    bool starts_at_first_record = false;
};

class ChainVerifier {
  public:
    explicit ChainVerifier(PublicKey key);

    /// Checks the record on one line of JSON text: as add(), after refusing a
    /// line that is not JSON, names a member twice (other parsers would read
    /// the other value), or nests deeper than a record does.
    std::optional<Break> add_line(std::string_view text, std::size_t line_number);

    /// Checks the next record, in this order: it has "signature", "key_id",
    /// "prev_hash", "seq", "id" and "unit"; it names this verifier's key; its
    /// signature holds; it is of the same unit as the first; its seq is the
    /// one after the last; its prev_hash is the last one's hash (unchecked
    /// for the stream's first record, which may start an excerpt). A record
    /// that breaks the chain is not taken as the next one's predecessor.
    std::optional<Break> add(const nlohmann::json& record, std::size_t line_number);

    const ChainSummary& summary() const { return summary_; }

  private:
    std::optional<std::string> check(const nlohmann::json& record) const;

    PublicKey key_;
    std::string key_id_;
    ChainSummary summary_;
    std::string last_hash_;
};

}  // namespace anpr::evidence
