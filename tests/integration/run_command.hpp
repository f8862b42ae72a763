#pragma once
/// Runs one of the built programs as a user would and captures what it says.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace anpr::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< stdout and stderr together
};

/// Where the build put `program` ("anpr" or "anprd").
inline std::string program_path(const std::string& program) {
    return std::string(ANPR_BIN_DIR) + "/" + program;
}

/// Runs a shell command line, capturing stdout and stderr together.
inline CommandResult run_command(const std::string& command_line) {
    CommandResult result;
    FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.out += buffer.data();
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

/// Runs one of the built programs with `arguments`.
inline CommandResult run_program(const std::string& program, const std::string& arguments) {
    return run_command(program_path(program) + " " + arguments);
}

}  // namespace anpr::testing
