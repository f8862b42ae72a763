#include "logging/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <filesystem>
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

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
    if (auto existing = spdlog::get(name)) return existing;
    auto made = std::make_shared<spdlog::logger>(name, sinks().begin(), sinks().end());
    made->set_level(spdlog::get_level());
    made->flush_on(spdlog::level::info);
    spdlog::register_logger(made);
    return made;
}

}  // namespace anpr::logging
