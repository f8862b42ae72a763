// anprd: the unit daemon.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "app/config_check.hpp"
#include "app/config_option.hpp"
#include "app/unit_runner.hpp"
#include "config/load.hpp"
#include "logging/logging.hpp"

namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested = true; }

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"anprd: the ANPR unit daemon (runs on built-in defaults without --config)"};
    std::optional<std::filesystem::path> config_file;
    std::optional<std::filesystem::path> check_file;
    bool print = false;
    cli.add_option("-c,--config", config_file, "TOML config file");
    cli.add_option("--check-config", check_file,
                   "check a config file and the files it names, report every problem, and exit");
    cli.add_flag("--print-config", print, "print the effective config and exit");
    CLI11_PARSE(cli, argc, argv);

    if (check_file) {
        const auto problems = anpr::app::check_config_file(*check_file);
        for (const auto& problem : problems) std::cerr << problem << "\n";
        if (!problems.empty()) return 1;
        std::cout << check_file->string() << ": OK\n";
        return 0;
    }
    auto config = anpr::app::config_from(config_file);
    if (!config) {
        std::cerr << "anprd: " << config.error().message << "\n";
        return 1;
    }
    if (print) {
        anpr::config::print_config(config.value(), std::cout);
        return 0;
    }
    if (auto logging = anpr::logging::setup_logging(config.value().log); !logging) {
        std::cerr << "anprd: " << logging.error().message << "\n";
        return 1;
    }
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    auto counters = anpr::app::run_unit(config.value(), stop_requested);
    if (!counters) {
        anpr::logging::logger("unit")->critical("{}", counters.error().message);
        return 1;
    }
    return 0;
}
