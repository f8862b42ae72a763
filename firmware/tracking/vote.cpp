#include "tracking/vote.hpp"

#include <algorithm>
#include <map>

namespace anpr::tracking {
namespace {

constexpr std::size_t kMaxCandidates = 5;

/// Each frame's reading with its confidence as weight. Frames vote with
/// their best reading only: the runners-up are mostly the same look-alike
/// swaps in every frame (2/Z, 5/S), scored close to the reading, and would
/// outvote it together.
std::vector<core::TextCandidate> weighted_texts(const std::vector<core::PlateRead>& reads) {
    std::vector<core::TextCandidate> texts;
    for (const auto& read : reads) {
        if (!read.text.empty() && read.confidence > 0.f)
            texts.push_back({read.text, read.confidence});
    }
    return texts;
}

std::size_t voted_length(const std::vector<core::TextCandidate>& texts) {
    std::map<std::size_t, float> weight;
    for (const auto& t : texts) weight[t.text.size()] += t.confidence;
    return std::max_element(weight.begin(), weight.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

/// Per position of the voted length, each character's share of the weight.
plates::RawText per_position_votes(const std::vector<core::TextCandidate>& texts,
                                   std::size_t length) {
    plates::RawText raw;
    for (std::size_t i = 0; i < length; ++i) {
        std::map<char, float> weight;
        float total = 0.f;
        for (const auto& t : texts) {
            if (t.text.size() != length) continue;
            weight[t.text[i]] += t.confidence;
            total += t.confidence;
        }
        plates::CharSlot slot;
        for (const auto& [ch, w] : weight) slot.choices.push_back({ch, w / total});
        std::sort(slot.choices.begin(), slot.choices.end(),
                  [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
        raw.slots.push_back(std::move(slot));
    }
    return raw;
}

/// The country the reads gave `text`, by weight; "" when none read it whole.
std::string country_read_for(const std::string& text, const std::vector<core::PlateRead>& reads) {
    std::map<std::string, float> weight;
    for (const auto& read : reads) {
        if (read.text == text) weight[read.country] += read.confidence;
    }
    if (weight.empty()) return {};
    return std::max_element(weight.begin(), weight.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

}  // namespace

Vote vote(const std::vector<core::PlateRead>& reads, const plates::PlatesConfig& config) {
    const auto texts = weighted_texts(reads);
    if (texts.empty()) return {};
    const auto interpretations =
        plates::interpret(per_position_votes(texts, voted_length(texts)), config);
    const auto& best = interpretations.front();
    float best_read = 0.f;
    for (const auto& read : reads) best_read = std::max(best_read, read.confidence);

    Vote result;
    result.text = best.text;
    result.country = best.country;
    if (auto country = country_read_for(best.text, reads); !country.empty()) {
        result.country = country;
    }
    result.display = plates::display_form(result.text, result.country);
    result.confidence = best.confidence * best_read;
    for (const auto& interpretation : interpretations) {
        if (result.candidates.size() >= kMaxCandidates) break;
        result.candidates.push_back({interpretation.text, interpretation.confidence * best_read});
    }
    return result;
}

}  // namespace anpr::tracking
