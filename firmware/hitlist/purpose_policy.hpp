#pragma once
/// What the camera's purposes (config [purpose]) allow: the hit list
/// categories it matches, and whether passages that hit nothing are
/// uploaded at all.

#include "config/app_config.hpp"
#include "hitlist/hit_index.hpp"

namespace anpr::hitlist {

struct PurposePolicy {
    MatchPolicy match;              ///< the categories of every configured purpose
    bool uploads_passages = false;  ///< one of the purposes uploads non-hits
};

/// The policy of `config`'s purposes, with hitlist.max_substitutions.
PurposePolicy purpose_policy(const config::AppConfig& config);

}  // namespace anpr::hitlist
