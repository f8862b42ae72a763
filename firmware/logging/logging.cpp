#include "logging/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <filesystem>
#include <mutex>
#include <vector>

namespace anpr::logging {
namespace {

std::vector<spdlog::sink_ptr>& sinks() {
    static std::vector<spdlog::sink_ptr> all{
        std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
    return all;
}

}  // namespace

core::Status setup_logging(const config::LogConfig& config) {
    spdlog::set_level(spdlog::level::from_str(config.level));
    if (!config.file.empty()) {
        try {
            std::error_code ec;
            if (config.file.has_parent_path())
                std::filesystem::create_directories(config.file.parent_path(), ec);
            sinks().push_back(
                std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.file.string()));
        } catch (const spdlog::spdlog_ex& e) {
            return core::Error{"log: cannot open log file '" + config.file.string() +
                               "': " + e.what()};
        }
    }
    return core::Ok{};
}

core::Status set_level(const std::string& level) {
    const auto parsed = spdlog::level::from_str(level);
    // from_str answers "off" for any name it does not know.
    if (parsed == spdlog::level::off && level != "off") {
        return core::Error{"unknown log level '" + level +
                           "' (trace, debug, info, warn, error, critical, off)"};
    }
    spdlog::set_level(parsed);
    return core::Ok{};
}

std::string level() {
    const auto name = spdlog::level::to_string_view(spdlog::get_level());
    return std::string(name.data(), name.size());
}

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
    // Services on several threads may ask for the same new logger at once.
    static std::mutex made_once;
    std::lock_guard lock(made_once);
    if (auto existing = spdlog::get(name)) return existing;
    auto made = std::make_shared<spdlog::logger>(name, sinks().begin(), sinks().end());
    made->set_level(spdlog::get_level());
    made->flush_on(spdlog::level::info);
    spdlog::register_logger(made);
    return made;
}

}  // namespace anpr::logging
