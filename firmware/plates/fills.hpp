#pragma once
/// The best ways to put an OCR slot into a layout position, as read or through
/// a look-alike swap.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "plates/formats.hpp"
#include "plates/slots.hpp"

namespace anpr::plates {

/// How one slot can fill one position; a char of 0 where there is no way.
struct Fill {
    char own = 0;  ///< the likeliest of the OCR's choices that fits as it is
    float own_log = 0.f;
    char swapped = 0;  ///< the likeliest look-alike of a choice that fits
    float swapped_log = 0.f;
};

/// The Fill of every slot for every position the given countries' layouts have,
/// worked out once: layouts share positions, and every window tried would
/// otherwise redo them.
class Fills {
  public:
    /// nullptr entries in `countries` are skipped.
    Fills(const Slots& slots, const std::vector<const Country*>& countries);

    /// Index of a layout's excluded letters, for at(); `excluded` must belong to
    /// a layout of one of the countries given to the constructor.
    std::size_t mask_index(std::uint32_t excluded) const;
    const Fill& at(std::size_t slot, char kind, std::size_t mask_index) const;

  private:
    /// The Position kinds, in the order cells_ holds them.
    static constexpr std::string_view kinds = "L9NX";
    static std::size_t kind_index(char kind);
    std::size_t cell(std::size_t slot, std::size_t kind, std::size_t mask) const {
        return (slot * kinds.size() + kind) * masks_.size() + mask;
    }

    std::vector<std::uint32_t> masks_;  ///< the distinct excluded-letter sets
    std::vector<Fill> cells_;
};

}  // namespace anpr::plates
