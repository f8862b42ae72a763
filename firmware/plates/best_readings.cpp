#include "plates/best_readings.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace anpr::plates {

Rank::Rank(float confidence, bool explains_band, std::size_t priority)
    : confidence_(-std::lround(confidence * 1e5f)),
      ignores_band_(!explains_band),
      priority_(priority) {}

bool BestReadings::admits(const Rank& rank) const {
    return entries_.size() < capacity_ || rank < entries_.back().rank;
}

void BestReadings::offer(Interpretation reading, const Rank& rank) {
    const auto same = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& entry) {
        return entry.reading.text == reading.text;
    });
    // Either way the list stays within capacity and keeps each text's best reading:
    // a reading only ever displaces one that ranks below it.
    if (same != entries_.end()) {
        if (!(rank < same->rank)) return;
        entries_.erase(same);
    } else if (entries_.size() == capacity_) {
        if (!(rank < entries_.back().rank)) return;
        entries_.pop_back();
    }
    const auto at =
        std::upper_bound(entries_.begin(), entries_.end(), rank,
                         [](const Rank& r, const Entry& entry) { return r < entry.rank; });
    entries_.insert(at, {std::move(reading), rank});
}

std::vector<Interpretation> BestReadings::take() && {
    std::vector<Interpretation> out;
    out.reserve(entries_.size());
    for (Entry& entry : entries_) out.push_back(std::move(entry.reading));
    return out;
}

}  // namespace anpr::plates
