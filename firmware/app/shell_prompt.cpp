#include "app/shell_prompt.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace anpr::app {
namespace {

/// Echo off on standard input while it lives.
class EchoOff {
  public:
    EchoOff() {
        saved_ = ::tcgetattr(STDIN_FILENO, &before_) == 0;
        if (!saved_) return;
        termios quiet = before_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~EchoOff() {
        if (saved_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &before_);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

  private:
    termios before_{};
    bool saved_ = false;
};

}  // namespace

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

core::Result<std::string> read_secret(const std::string& prompt) {
    std::string line;
    if (stdin_is_terminal()) {
        std::cerr << prompt << std::flush;
        const EchoOff quiet;
        const bool read = static_cast<bool>(std::getline(std::cin, line));
        std::cerr << "\n";
        if (!read) return core::Error{"no password given"};
    } else if (!std::getline(std::cin, line)) {
        return core::Error{"no password on standard input"};
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace anpr::app
