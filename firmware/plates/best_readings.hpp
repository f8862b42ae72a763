#pragma once
/// The best readings found so far: a short list, one per text, best first.

#include <cstddef>
#include <vector>

#include "plates/plates.hpp"

namespace anpr::plates {

/// Where a reading ranks; smaller ranks better. Confidences are compared at a
/// resolution of 1e-5 so that equal readings reached along different float
/// paths still tie. A tie goes to the reading that explains a leading band code
/// ("NL" + a Dutch plate over a German "NL-AB 1234"), then to country priority.
class Rank {
  public:
    Rank(float confidence, bool explains_band, std::size_t priority);
    auto operator<=>(const Rank&) const = default;

  private:
    long confidence_;  ///< negated, so that the likelier ranks smaller
    bool ignores_band_;
    std::size_t priority_;
};

class BestReadings {
  public:
    explicit BestReadings(std::size_t capacity) : capacity_(capacity) {}

    /// Whether a reading ranked `rank` would make the list now. Cheap, so ask it
    /// before the work of building a reading, with the best rank it could reach.
    bool admits(const Rank& rank) const;
    /// Keeps `reading` unless the list has a reading of the same text that ranks
    /// as well or better; among equal ranks the first offered stays ahead.
    void offer(Interpretation reading, const Rank& rank);
    std::vector<Interpretation> take() &&;

  private:
    struct Entry {
        Interpretation reading;
        Rank rank;
    };
    std::size_t capacity_;
    std::vector<Entry> entries_;  ///< best first
};

}  // namespace anpr::plates
