#pragma once
/// Characters a reader confuses on plates: 0/O/D/Q, 1/I, 8/B, 5/S, 2/Z and
/// 6/G. Two texts are look-alikes when they differ only by such swaps.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anpr::hitlist {

/// The character that stands for `c`'s look-alike group ('0' for O, D and
/// Q...); `c` itself when it has none.
char look_alike_class(char c);

/// One swapped character: where, what was read, what the list holds.
struct Substitution {
    std::size_t position = 0;
    char read = 0;
    char listed = 0;
};

/// The swaps that turn `read` into `listed`: empty when they are equal;
/// nothing when they are no look-alikes (other lengths, or a character
/// outside its group) or need more than `max` swaps.
std::optional<std::vector<Substitution>> look_alike_swaps(std::string_view read,
                                                          std::string_view listed, std::size_t max);

}  // namespace anpr::hitlist
