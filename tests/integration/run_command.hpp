#pragma once
/// Runs one of the built programs as a user would and captures what it says.

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace anpr::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< stdout and stderr together
};

/// `program` is "anpr" or "anprd", found in the build's bin folder.
inline CommandResult run_program(const std::string& program, const std::string& arguments) {
    const std::string command = std::string(ANPR_BIN_DIR) + "/" + program + " " + arguments + " 2>&1";
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.out += buffer.data();
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

}  // namespace anpr::testing
