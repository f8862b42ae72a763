#pragma once
/// What a unit left in its outbox, read as a technician would: `anpr outbox --records`.

#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace anpr::testing {

/// The waiting records of the outbox that `config` names, in sending order.
inline std::vector<nlohmann::json> outbox_records(const std::filesystem::path& config) {
    const auto result = run_program("anpr", "--config " + config.string() + " outbox --records");
    if (result.exit_code != 0) throw std::runtime_error("anpr outbox failed: " + result.out);
    std::istringstream lines(result.out);
    std::vector<nlohmann::json> records;
    for (std::string line; std::getline(lines, line);)
        records.push_back(nlohmann::json::parse(line));
    return records;
}

}  // namespace anpr::testing
