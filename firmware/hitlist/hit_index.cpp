#include "hitlist/hit_index.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace anpr::hitlist {
namespace {

using Key = std::array<char, HitIndex::kMaxPlate>;

std::string_view plate_of(const Key& plate) {
    return {plate.data(), strnlen(plate.data(), plate.size())};
}

Key look_alike_form(std::string_view plate) {
    Key form{};
    for (std::size_t i = 0; i < plate.size() && i < form.size(); ++i) {
        form[i] = look_alike_class(plate[i]);
    }
    return form;
}

}  // namespace

HitIndex::HitIndex(const std::vector<HitEntry>& entries) {
    packed_.reserve(entries.size());
    std::unordered_map<std::string, std::uint32_t> action_index;
    for (const auto& entry : entries) {
        Packed packed;
        std::memcpy(packed.plate.data(), entry.plate.data(),
                    std::min(entry.plate.size(), packed.plate.size()));
        std::memcpy(packed.country.data(), entry.country.data(),
                    std::min(entry.country.size(), packed.country.size()));
        packed.category = static_cast<std::uint8_t>(entry.category);
        packed.priority = static_cast<std::uint8_t>(entry.priority);
        const auto [it, added] =
            action_index.emplace(entry.action, static_cast<std::uint32_t>(actions_.size()));
        if (added) actions_.push_back(entry.action);
        packed.action = it->second;
        packed.expires_s = seconds_of(entry.expires);
        packed_.push_back(packed);
    }
    std::sort(packed_.begin(), packed_.end(), [](const Packed& a, const Packed& b) {
        const Key fa = look_alike_form(plate_of(a.plate));
        const Key fb = look_alike_form(plate_of(b.plate));
        return fa != fb ? fa < fb : a.plate < b.plate;
    });
}

std::vector<HitMatch> HitIndex::match(const std::vector<std::string>& texts,
                                      std::string_view country, const MatchPolicy& policy,
                                      std::chrono::system_clock::time_point now) const {
    const std::int64_t now_s = seconds_of(now);
    std::vector<std::pair<const Packed*, HitMatch>> found;
    for (const auto& text : texts) {
        if (text.empty() || text.size() > kMaxPlate) continue;
        const Key form = look_alike_form(text);
        const auto [first, last] = std::equal_range(
            packed_.begin(), packed_.end(), form, [](const auto& a, const auto& b) {
                if constexpr (std::is_same_v<std::decay_t<decltype(a)>, Key>) {
                    return a < look_alike_form(plate_of(b.plate));
                } else {
                    return look_alike_form(plate_of(a.plate)) < b;
                }
            });
        for (auto it = first; it != last; ++it) {
            const Packed& p = *it;
            const auto category = static_cast<Category>(p.category);
            if (p.expires_s < now_s || std::find(policy.categories.begin(), policy.categories.end(),
                                                 category) == policy.categories.end()) {
                continue;
            }
            const std::string_view listed_country(p.country.data(),
                                                  strnlen(p.country.data(), p.country.size()));
            if (!listed_country.empty() && !country.empty() && listed_country != country) continue;
            auto swaps = look_alike_swaps(text, plate_of(p.plate), policy.max_substitutions);
            if (!swaps) continue;
            const auto known = std::find_if(found.begin(), found.end(),
                                            [&](const auto& f) { return f.first == &p; });
            if (known != found.end()) {
                if (known->second.substitutions.size() <= swaps->size()) continue;
                known->second.matched_text = text;
                known->second.substitutions = std::move(*swaps);
                continue;
            }
            found.push_back({&p, HitMatch{unpack(p), text, std::move(*swaps)}});
        }
    }
    std::vector<HitMatch> matches;
    for (auto& f : found) matches.push_back(std::move(f.second));
    std::stable_sort(matches.begin(), matches.end(), [](const HitMatch& a, const HitMatch& b) {
        return a.entry.priority < b.entry.priority;
    });
    return matches;
}

std::size_t HitIndex::bytes() const {
    std::size_t total = packed_.capacity() * sizeof(Packed);
    for (const auto& action : actions_) total += sizeof(std::string) + action.capacity();
    return total;
}

std::array<std::size_t, kCategories.size()> HitIndex::per_category() const {
    std::array<std::size_t, kCategories.size()> counts{};
    for (const auto& p : packed_) ++counts[p.category];
    return counts;
}

std::vector<HitEntry> HitIndex::entries() const {
    std::vector<HitEntry> all;
    all.reserve(packed_.size());
    for (const auto& p : packed_) all.push_back(unpack(p));
    return all;
}

HitEntry HitIndex::unpack(const Packed& p) const {
    HitEntry entry;
    entry.plate = std::string(plate_of(p.plate));
    entry.country = std::string(p.country.data(), strnlen(p.country.data(), p.country.size()));
    entry.category = static_cast<Category>(p.category);
    entry.priority = p.priority;
    entry.action = actions_[p.action];
    entry.expires = std::chrono::system_clock::time_point{std::chrono::seconds(p.expires_s)};
    return entry;
}

}  // namespace anpr::hitlist
