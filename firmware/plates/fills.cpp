#include "plates/fills.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace anpr::plates {
namespace {

/// Digit-letter pairs that plate fonts and OCR confuse. A digit becomes the first
/// letter listed for it; D and Q are worn 0s and only ever become 0. 4/A and 7/T
/// are left out: plate fonts (FE-Schrift, Charles Wright) draw them far apart.
constexpr std::array<std::pair<char, char>, 8> look_alikes{{{'0', 'O'},
                                                            {'0', 'D'},
                                                            {'0', 'Q'},
                                                            {'1', 'I'},
                                                            {'8', 'B'},
                                                            {'5', 'S'},
                                                            {'2', 'Z'},
                                                            {'6', 'G'}}};

constexpr std::array<char, 128> look_alike_table = [] {
    std::array<char, 128> table{};
    // Backwards, so that the first pair listed for a digit has the last word.
    for (auto it = look_alikes.rbegin(); it != look_alikes.rend(); ++it) {
        table[static_cast<unsigned char>(it->first)] = it->second;
        table[static_cast<unsigned char>(it->second)] = it->first;
    }
    return table;
}();

/// The character of the other kind that `c` may have been misread for
/// ('O' -> '0', '8' -> 'B'), or 0.
char look_alike(char c) {
    const auto index = static_cast<unsigned char>(c);
    return index < look_alike_table.size() ? look_alike_table[index] : 0;
}

Fill fill(std::span<const LogChoice> choices, Position position) {
    Fill best;
    for (const LogChoice& choice : choices) {
        if (position.allows(choice.ch)) {
            if (!best.own || choice.log_confidence > best.own_log) {
                best.own = choice.ch;
                best.own_log = choice.log_confidence;
            }
        } else if (const char alike = look_alike(choice.ch);
                   alike && position.allows(alike) &&
                   (!best.swapped || choice.log_confidence > best.swapped_log)) {
            best.swapped = alike;
            best.swapped_log = choice.log_confidence;
        }
    }
    return best;
}

}  // namespace

Fills::Fills(const Slots& slots, const std::vector<const Country*>& countries) {
    for (const Country* country : countries) {
        if (!country) continue;
        for (const Format& format : country->formats) {
            if (std::find(masks_.begin(), masks_.end(), format.excluded()) == masks_.end()) {
                masks_.push_back(format.excluded());
            }
        }
    }
    cells_.resize(slots.size() * kinds.size() * masks_.size());
    for (std::size_t slot = 0; slot < slots.size(); ++slot) {
        for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
            for (std::size_t mask = 0; mask < masks_.size(); ++mask) {
                cells_[cell(slot, kind, mask)] = fill(slots[slot], {kinds[kind], masks_[mask]});
            }
        }
    }
}

std::size_t Fills::mask_index(std::uint32_t excluded) const {
    return static_cast<std::size_t>(std::find(masks_.begin(), masks_.end(), excluded) -
                                    masks_.begin());
}

std::size_t Fills::kind_index(char kind) {
    // A switch rather than kinds.find(): this runs for every position tried.
    switch (kind) {
        case 'L':
            return 0;
        case '9':
            return 1;
        case 'N':
            return 2;
        default:
            return 3;
    }
}

const Fill& Fills::at(std::size_t slot, char kind, std::size_t mask_index) const {
    return cells_[cell(slot, kind_index(kind), mask_index)];
}

}  // namespace anpr::plates
