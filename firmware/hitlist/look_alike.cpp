#include "hitlist/look_alike.hpp"

namespace anpr::hitlist {

char look_alike_class(char c) {
    switch (c) {
        case 'O':
        case 'D':
        case 'Q':
            return '0';
        case 'I':
            return '1';
        case 'B':
            return '8';
        case 'S':
            return '5';
        case 'Z':
            return '2';
        case 'G':
            return '6';
        default:
            return c;
    }
}

std::optional<std::vector<Substitution>> look_alike_swaps(std::string_view read,
                                                          std::string_view listed,
                                                          std::size_t max) {
    if (read.size() != listed.size()) return std::nullopt;
    std::vector<Substitution> swaps;
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (read[i] == listed[i]) continue;
        if (look_alike_class(read[i]) != look_alike_class(listed[i]) || swaps.size() == max) {
            return std::nullopt;
        }
        swaps.push_back({i, read[i], listed[i]});
    }
    return swaps;
}

}  // namespace anpr::hitlist
