#pragma once
/// The table of country plate layouts: which kind of character stands where,
/// and how the plate prints them.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "plates/plates.hpp"

namespace anpr::plates {

/// No layout in the table is longer than this (characters, separators not counted),
/// so callers may size fixed buffers by it.
inline constexpr std::size_t max_format_length = 10;

/// What one layout position accepts.
struct Position {
    char kind = 'X';             ///< 'L', '9', 'N' or 'X', as in a pattern
    std::uint32_t excluded = 0;  ///< bit c - 'A' set for each letter c never printed

    /// Inline: interpret() asks this for every choice of every slot.
    bool allows(char c) const {
        const bool digit = c >= '0' && c <= '9';
        const bool letter =
            c >= 'A' && c <= 'Z' && (excluded & (std::uint32_t{1} << (c - 'A'))) == 0;
        switch (kind) {
            case 'L':
                return letter;
            case '9':
                return digit;
            case 'N':
                return digit && c != '0';
            default:
                return letter || digit;
        }
    }
};

/// One printed layout, given as a pattern: 'L' a letter, '9' a digit, 'N' a digit
/// 1-9, 'X' a letter or a digit; any other character is a separator printed as is.
/// Belgium's "1-ABC-123" is "N-LLL-999".
class Format {
  public:
    /// `excluded_letters` are letters the issuing country never prints in this
    /// layout; `prior` (0..1] scales readings of layouts that would otherwise fit
    /// too much (all-digit plates).
    explicit Format(std::string_view pattern, std::string_view excluded_letters = {},
                    float prior = 1.f);

    /// Characters of a plate in this layout, separators not counted.
    std::size_t length() const { return kinds_.size(); }
    /// Character position `pos` (0-based, < length()).
    Position position(std::size_t pos) const { return {kinds_[pos], excluded_}; }
    /// The letters this layout never prints, as in Position::excluded.
    std::uint32_t excluded() const { return excluded_; }
    bool allows(std::size_t pos, char c) const { return position(pos).allows(c); }
    bool fits(std::string_view text) const;
    /// `text` with the layout's separators put in; `text` must fit.
    std::string display(std::string_view text) const;
    float prior() const { return prior_; }

  private:
    std::string pattern_;
    std::string kinds_;  ///< the pattern without its separators
    std::uint32_t excluded_ = 0;
    float prior_;
};

/// One country's layouts.
struct Country {
    std::string code;                  ///< "BE"
    std::vector<std::string> bands;    ///< what its EU band or sticker reads, e.g. "B"
    std::vector<PlateGround> grounds;  ///< the ground colours its plates come in
    /// Shortest first, and among equal lengths preferred first: where a text fits
    /// two layouts (German district splits), the first decides how it is printed.
    std::vector<Format> formats;

    /// How well a plate of `ground` colour suits this country: 1, or less when
    /// its plates never come in that colour.
    float ground_factor(PlateGround ground) const;

    /// Its layouts of `length` characters, preferred first.
    std::span<const Format> formats_of_length(std::size_t length) const;
};

/// Every country this stage knows, in a fixed order.
const std::vector<Country>& countries();

/// The country with `code`, or nullptr.
const Country* find_country(std::string_view code);

}  // namespace anpr::plates
