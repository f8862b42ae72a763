#include "plates/slots.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace anpr::plates {
namespace {

/// Keeps one zero confidence from sinking a whole reading's log-sum to -inf.
constexpr float confidence_floor = 1e-4f;
/// Dropping an edge slot costs this share of the slot's own confidence: a faint
/// speck (a screw, the border) goes nearly free, a crisp character does not.
constexpr float drop_cost = 0.35f;

float clamped(float confidence) { return std::clamp(confidence, confidence_floor, 1.f); }

}  // namespace

Slots::Slots(const RawText& raw) {
    starts_.push_back(0);
    std::vector<float> top_confidences;
    for (const CharSlot& slot : raw.slots) {
        // A slot without choices breaks the OCR's contract; it carries no character.
        if (slot.choices.empty()) continue;
        for (const CharChoice& choice : slot.choices) {
            choices_.push_back({choice.ch, std::log(clamped(choice.confidence))});
        }
        starts_.push_back(choices_.size());
        top_ += slot.choices.front().ch;
        top_confidences.push_back(clamped(slot.choices.front().confidence));
    }
    keep_before_.assign(size() + 1, 1.f);
    keep_after_.assign(size() + 1, 1.f);
    for (std::size_t i = 0; i < size(); ++i) {
        keep_before_[i + 1] = keep_before_[i] * (1.f - drop_cost * top_confidences[i]);
        const std::size_t j = size() - 1 - i;
        keep_after_[j] = keep_after_[j + 1] * (1.f - drop_cost * top_confidences[j]);
    }
}

float Slots::top_confidence() const {
    float log_sum = 0.f;
    for (std::size_t i = 0; i < size(); ++i) log_sum += (*this)[i].front().log_confidence;
    return std::exp(log_sum / static_cast<float>(size()));
}

Drop Slots::drop(std::size_t begin, std::size_t end, const std::vector<std::string>& bands) const {
    Drop result{keep_before_[begin] * keep_after_[end], false};
    for (const std::string& band : bands) {
        if (band.size() <= begin &&
            std::string_view(top_).substr(begin - band.size(), band.size()) == band) {
            result = {keep_before_[begin - band.size()] * keep_after_[end], true};
        }
    }
    return result;
}

}  // namespace anpr::plates
