#include "hitlist/purpose_policy.hpp"

#include <algorithm>

namespace anpr::hitlist {

PurposePolicy purpose_policy(const config::AppConfig& config) {
    const auto& purpose = config.purpose;
    PurposePolicy policy;
    policy.match.max_substitutions = static_cast<std::size_t>(config.hitlist.max_substitutions);
    const auto enable = [&](const std::vector<std::string>& names) {
        for (const auto& name : names) {
            const auto category = category_named(name);
            if (category &&
                std::find(policy.match.categories.begin(), policy.match.categories.end(),
                          *category) == policy.match.categories.end()) {
                policy.match.categories.push_back(*category);
            }
        }
    };
    for (const auto& name : purpose.purposes) {
        if (name == "traffic_safety") {
            enable(purpose.traffic_safety_categories);
            policy.uploads_passages |= purpose.traffic_safety_uploads_passages;
        } else if (name == "crime_fighting") {
            enable(purpose.crime_fighting_categories);
            policy.uploads_passages |= purpose.crime_fighting_uploads_passages;
        }
    }
    return policy;
}

}  // namespace anpr::hitlist
