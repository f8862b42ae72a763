#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>

#include "plates/best_readings.hpp"
#include "plates/fills.hpp"
#include "plates/formats.hpp"
#include "plates/plates.hpp"
#include "plates/slots.hpp"

namespace anpr::plates {
namespace {

/// Confidence factor per look-alike swap: the format is strong evidence, but a
/// swap still overrules what the OCR saw.
constexpr float swap_penalty = 0.8f;
constexpr std::size_t max_results = 8;

/// A reading of one window in one layout.
struct Fit {
    std::string text;
    float confidence = 0.f;  ///< before dropped slots and the layout's prior
    int swaps = 0;
};

/// Fills the layout slot by slot with the choice that scores best. The score is the
/// geometric mean of the used confidences times swap_penalty per swap, so a swap
/// wins where log(swapped) + n*log(swap_penalty) beats log(own): an OCR alternative
/// of the right kind is taken over a swap unless it is much less likely.
std::optional<Fit> fit(const Fills& fills_of, std::size_t begin, const Format& format,
                       int max_swaps) {
    const std::size_t n = format.length();
    static const float log_swap_penalty = std::log(swap_penalty);
    const float swap_log = static_cast<float>(n) * log_swap_penalty;
    const std::size_t mask = fills_of.mask_index(format.excluded());
    std::array<const Fill*, max_format_length> fills;  // uninitialised: hot, and all set before use
    std::array<bool, max_format_length> use_swap{};
    int swaps = 0;
    for (std::size_t i = 0; i < n; ++i) {
        fills[i] = &fills_of.at(begin + i, format.position(i).kind, mask);
        const Fill& f = *fills[i];
        if (!f.own && !f.swapped) return std::nullopt;
        use_swap[i] = f.swapped && (!f.own || f.swapped_log + swap_log > f.own_log);
        swaps += use_swap[i] ? 1 : 0;
    }
    // Over the limit: give up the swaps that gain least over the OCR's own choice.
    while (swaps > max_swaps) {
        std::optional<std::size_t> cheapest;
        float least_gain = 0.f;
        for (std::size_t i = 0; i < n; ++i) {
            if (!use_swap[i] || !fills[i]->own) continue;
            const float gain = fills[i]->swapped_log + swap_log - fills[i]->own_log;
            if (!cheapest || gain < least_gain) {
                cheapest = i;
                least_gain = gain;
            }
        }
        if (!cheapest) return std::nullopt;
        use_swap[*cheapest] = false;
        --swaps;
    }
    Fit result;
    result.swaps = swaps;
    float log_sum = 0.f;
    for (std::size_t i = 0; i < n; ++i) {
        result.text += use_swap[i] ? fills[i]->swapped : fills[i]->own;
        log_sum += use_swap[i] ? fills[i]->swapped_log : fills[i]->own_log;
    }
    result.confidence = std::exp(log_sum / static_cast<float>(n)) *
                        std::pow(swap_penalty, static_cast<float>(swaps));
    return result;
}

/// Every layout of `country` on the window [begin, end) of the slots.
void read_window(const Slots& slots, const Fills& fills, std::size_t begin, std::size_t end,
                 const Country& country, float ground_factor, std::size_t priority, int max_swaps,
                 BestReadings& best) {
    std::optional<Drop> drop;  // worked out for windows that some layout has the length of
    for (const Format& format : country.formats_of_length(end - begin)) {
        if (!drop) drop = slots.drop(begin, end, country.bands);
        // No fit beats confidence 1, so this bound skips hopeless layouts unfitted.
        const float bound = drop->factor * format.prior() * ground_factor;
        if (!best.admits(Rank(bound, drop->explains_band, priority))) continue;
        const std::optional<Fit> found = fit(fills, begin, format, max_swaps);
        if (!found) continue;
        const float confidence = found->confidence * bound;
        const Rank rank(confidence, drop->explains_band, priority);
        if (!best.admits(rank)) continue;
        best.offer(
            {found->text, format.display(found->text), country.code, confidence, found->swaps},
            rank);
    }
}

}  // namespace

std::vector<Interpretation> interpret(const RawText& raw, const PlatesConfig& config) {
    const Slots slots(raw);
    if (slots.size() == 0) return {};
    BestReadings best(max_results);
    // What the OCR saw, as it saw it, survives even where no layout fits.
    const float unformatted = slots.top_confidence() * config.unformatted_factor;
    best.offer({slots.top(), slots.top(), "", unformatted, 0},
               Rank(unformatted, false, config.countries.size()));

    std::vector<const Country*> tried;  // by priority; nullptr for unknown codes
    for (const std::string& code : config.countries) tried.push_back(find_country(code));
    const Fills fills(slots, tried);
    const int max_swaps = std::max(config.max_corrections, 0);
    // Windows that drop fewer slots come first: they tend to rank best, so the
    // list fills early and most later layouts fail admits() before being fitted.
    for (std::size_t dropped = 0; dropped < slots.size(); ++dropped) {
        const std::size_t length = slots.size() - dropped;
        if (length > max_format_length) continue;
        for (std::size_t begin = 0; begin <= dropped; ++begin) {
            for (std::size_t priority = 0; priority < tried.size(); ++priority) {
                if (!tried[priority]) continue;
                const Country& country = *tried[priority];
                read_window(slots, fills, begin, begin + length, country,
                            country.ground_factor(raw.ground), priority, max_swaps, best);
            }
        }
    }
    return std::move(best).take();
}

}  // namespace anpr::plates
