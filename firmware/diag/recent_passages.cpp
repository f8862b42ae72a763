#include "diag/recent_passages.hpp"

#include <cctype>
#include <cstdio>

#include "core/utc_text.hpp"

namespace anpr::diag {

std::string mask_plate(const std::string& display) {
    std::string masked = display;
    for (auto& c : masked) {
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
            c = '*';
        }
    }
    return masked;
}

void RecentPassages::add(RecentPassage passage) {
    std::lock_guard lock(mutex_);
    passages_.push_front(std::move(passage));
    while (passages_.size() > capacity_) passages_.pop_back();
}

std::size_t RecentPassages::size() const {
    std::lock_guard lock(mutex_);
    return passages_.size();
}

std::string RecentPassages::lines(std::size_t count, bool see_plates) const {
    std::lock_guard lock(mutex_);
    std::string text;
    for (std::size_t i = 0; i < passages_.size() && i < count; ++i) {
        const auto& p = passages_[i];
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, "conf %.2f, %d frame(s), %d px high",
                      static_cast<double>(p.confidence), p.frames_read, p.plate_height_px);
        text += (text.empty() ? "" : "\n") + core::utc_seconds_text(p.when) + "  " +
                (see_plates ? p.display : mask_plate(p.display)) + " (" +
                (p.country.empty() ? "?" : p.country) + ")  " + numbers +
                (p.lane.empty() ? "" : ", lane " + p.lane) + ", " + p.direction + "  " + p.outcome;
    }
    return text;
}

}  // namespace anpr::diag
