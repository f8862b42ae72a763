#include "app/config_option.hpp"

#include "config/load.hpp"

namespace anpr::app {

core::Result<config::AppConfig> config_from(const std::optional<std::filesystem::path>& file) {
    if (!file) return config::AppConfig{};
    return config::load_config(*file);
}

}  // namespace anpr::app
