#pragma once
/// Reading a shell password from a person or a script, for `anpr shell`
/// and `anpr shell-account`: never echoed on a terminal.

#include <string>

#include "core/result.hpp"

namespace anpr::app {

/// Whether standard input is a terminal (a person types) or not (a script).
bool stdin_is_terminal();

/// One line: on a terminal after `prompt` on standard error with echo off,
/// otherwise read from standard input as it is. An Error at end of input.
core::Result<std::string> read_secret(const std::string& prompt);

}  // namespace anpr::app
