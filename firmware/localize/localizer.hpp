#pragma once
/// Where plates are in a frame: the engine named by localize.engine.

#include <memory>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::localize {

class Localizer {
  public:
    virtual ~Localizer() = default;
    /// Plate candidates in `frame`, best first, at most localize.max_candidates.
    virtual core::Result<std::vector<core::PlateCandidate>> find(const core::Frame& frame) = 0;
};

/// The engine `config.engine` names ("detector" or "classic"); an Error when
/// it cannot start (the detector's model missing, unloadable or misshapen).
core::Result<std::unique_ptr<Localizer>> make_localizer(const config::LocalizeConfig& config);

}  // namespace anpr::localize
