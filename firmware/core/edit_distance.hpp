#pragma once
/// How many one-character edits turn one string into another, or into part of another.

#include <algorithm>
#include <numeric>
#include <string_view>
#include <vector>

namespace anpr::core {

/// Levenshtein distance: insertions, deletions and substitutions, each 1.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The fewest edits that turn `part` into some run of `whole`'s characters:
/// how far a partial reading (a plate half out of the picture) is from the
/// whole text. 0 when `part` occurs in `whole`.
inline std::size_t edits_to_part_of(std::string_view part, std::string_view whole) {
    // Edit distance with `whole`'s prefix and suffix free: the first row is
    // zero (start anywhere), the answer the smallest of the last (end anywhere).
    std::vector<std::size_t> row(whole.size() + 1, 0);
    for (std::size_t i = 1; i <= part.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= whole.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min(
                {above + 1, row[j - 1] + 1, diagonal + (part[i - 1] == whole[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return *std::min_element(row.begin(), row.end());
}

}  // namespace anpr::core
