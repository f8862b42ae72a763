#include "localize/localizer.hpp"

#include "localize/classic_localizer.hpp"
#include "localize/plate_detector.hpp"

namespace anpr::localize {
namespace {

class ClassicLocalizer final : public Localizer {
  public:
    explicit ClassicLocalizer(config::LocalizeConfig config) : config_(std::move(config)) {}
    core::Result<std::vector<core::PlateCandidate>> find(const core::Frame& frame) override {
        return localize_classic(frame, config_);
    }

  private:
    config::LocalizeConfig config_;
};

}  // namespace

core::Result<std::unique_ptr<Localizer>> make_localizer(const config::LocalizeConfig& config) {
    if (config.engine == "classic") return std::unique_ptr<Localizer>(new ClassicLocalizer(config));
    auto detector = PlateDetector::create(config);
    if (!detector) return detector.error();
    return std::unique_ptr<Localizer>(std::move(detector).value());
}

}  // namespace anpr::localize
