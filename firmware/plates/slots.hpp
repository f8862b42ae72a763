#pragma once
/// The OCR's slots, prepared once for the many windows and layouts that
/// interpret() tries on them.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "plates/plates.hpp"

namespace anpr::plates {

/// One OCR choice, its confidence kept as a logarithm so that a reading's
/// confidences add up instead of multiplying.
struct LogChoice {
    char ch = 0;
    float log_confidence = 0.f;
};

/// What reading only a window of the slots costs.
struct Drop {
    float factor = 1.f;          ///< confidence factor for the slots left out
    bool explains_band = false;  ///< the slots left out before it are a band code
};

class Slots {
  public:
    explicit Slots(const RawText& raw);

    std::size_t size() const { return top_.size(); }
    /// Slot `i`'s choices, best first.
    std::span<const LogChoice> operator[](std::size_t i) const {
        return std::span(choices_).subspan(starts_[i], starts_[i + 1] - starts_[i]);
    }
    /// The OCR's own reading: every slot's first choice.
    const std::string& top() const { return top_; }
    /// Geometric mean of the first choices' confidences.
    float top_confidence() const;
    /// The cost of dropping the slots outside [begin, end). Leading slots that
    /// spell one of `bands` go free: a plate's band code belongs right before it.
    Drop drop(std::size_t begin, std::size_t end, const std::vector<std::string>& bands) const;

  private:
    std::vector<LogChoice> choices_;   ///< all slots' choices, one after the other
    std::vector<std::size_t> starts_;  ///< slot i's choices are [starts_[i], starts_[i+1])
    std::string top_;
    std::vector<float> keep_before_;  ///< [i]: factor for dropping slots [0, i)
    std::vector<float> keep_after_;   ///< [i]: factor for dropping slots [i, size)
};

}  // namespace anpr::plates
