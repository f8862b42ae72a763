#pragma once
/// The hit list in memory, for matching every passage: entries packed
/// (about 40 bytes each, action texts shared) and sorted by their plate's
/// look-alike form, so that a read finds its exact and look-alike entries by
/// one binary search. Immutable: a new list is a new index, swapped in whole.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hitlist/hit_entry.hpp"
#include "hitlist/look_alike.hpp"

namespace anpr::hitlist {

/// What a camera matches: the categories its purposes enable, and the most
/// look-alike swaps a match may need.
struct MatchPolicy {
    std::vector<Category> categories;
    std::size_t max_substitutions = 1;
};

struct HitMatch {
    HitEntry entry;
    std::string matched_text;                 ///< the read (candidate) that matched
    std::vector<Substitution> substitutions;  ///< empty: an exact match
};

class HitIndex {
  public:
    static constexpr std::size_t kMaxPlate = 16;

    explicit HitIndex(const std::vector<HitEntry>& entries);

    /// The entries a passage read as `texts` (its candidates, best first) in
    /// `country` ("" when unknown) hits: an entry of an enabled category, not
    /// expired at `now`, whose plate equals a text or is its look-alike
    /// within the policy's swaps, and whose country is "" or the passage's
    /// (a passage of unknown country matches any). One match per entry, the
    /// one with the fewest swaps; most urgent first.
    std::vector<HitMatch> match(const std::vector<std::string>& texts, std::string_view country,
                                const MatchPolicy& policy,
                                std::chrono::system_clock::time_point now) const;

    std::size_t size() const { return packed_.size(); }
    /// Bytes the index holds: packed entries and action texts.
    std::size_t bytes() const;
    /// Entries per category, in kCategories order.
    std::array<std::size_t, kCategories.size()> per_category() const;
    /// Every entry, unpacked.
    std::vector<HitEntry> entries() const;

  private:
    struct Packed {
        std::array<char, kMaxPlate> plate{};  ///< zero-padded
        std::array<char, 3> country{};
        std::uint8_t category = 0;
        std::uint8_t priority = 0;
        std::uint32_t action = 0;  ///< index in actions_
        std::int64_t expires_s = 0;
    };

    HitEntry unpack(const Packed& packed) const;

    std::vector<Packed> packed_;  ///< sorted by look-alike form, then plate
    std::vector<std::string> actions_;
};

}  // namespace anpr::hitlist
