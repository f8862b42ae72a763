#include <openssl/crypto.h>
// readline's headers need stdio first.
#include <readline/history.h>
#include <readline/readline.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "app/commands.hpp"
#include "app/shell_prompt.hpp"
#include "diag/shell_client.hpp"

namespace anpr::app {
namespace {

constexpr int kHistoryLines = 1000;

/// `word` as one word of a shell line (diag/command_line.hpp).
std::string as_word(const std::string& word) {
    std::string text = "\"";
    for (const char c : word) {
        if (c == '"' || c == '\\') text += '\\';
        text += c;
    }
    return text + "\"";
}

void print_body(const diag::ShellAnswer& answer) {
    for (const auto& line : answer.body) std::cout << line << "\n";
    std::cout << std::flush;
}

/// ~/.anpr_shell_history, read now and appended to line by line.
class History {
  public:
    History() {
        const char* home = std::getenv("HOME");
        if (home == nullptr) return;
        path_ = (std::filesystem::path(home) / ".anpr_shell_history").string();
        if (::read_history(path_.c_str()) != 0) ::write_history(path_.c_str());
    }
    ~History() {
        if (!path_.empty()) ::history_truncate_file(path_.c_str(), kHistoryLines);
    }
    History(const History&) = delete;
    History& operator=(const History&) = delete;

    void add(const std::string& line) {
        ::add_history(line.c_str());
        if (!path_.empty()) ::append_history(1, path_.c_str());
    }

  private:
    std::string path_;
};

/// Reads lines with readline until quit or end of input; the exit code.
int interact(diag::ShellClient& client) {
    const std::string prompt = "anpr:" + client.unit_id() + "> ";
    History history;
    while (true) {
        const std::unique_ptr<char, decltype(&std::free)> typed(::readline(prompt.c_str()),
                                                                &std::free);
        const std::string line = typed ? typed.get() : "quit";
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        if (typed) history.add(line);
        auto answer = client.request(line);
        if (!answer) {
            std::cerr << "anpr shell: " << answer.error().message << "\n";
            return 2;
        }
        print_body(answer.value());
        if (answer.value().bye) {
            if (answer.value().message == "logout") return 0;
            std::cerr << "the unit closed the session: " << answer.value().message << "\n";
            return 1;
        }
        if (!answer.value().ok) std::cerr << "error: " << answer.value().message << "\n";
    }
}

/// Runs each of `commands`; 0 when all answered OK, 1 when any did not.
int run_commands(diag::ShellClient& client, const std::vector<std::string>& commands) {
    int code = 0;
    for (const auto& command : commands) {
        if (command.find_first_of("\r\n") != std::string::npos) {
            std::cerr << "anpr shell: a command is one line\n";
            return 2;
        }
        auto answer = client.request(command);
        if (!answer) {
            std::cerr << "anpr shell: " << answer.error().message << "\n";
            return 2;
        }
        print_body(answer.value());
        if (answer.value().bye) {
            std::cerr << "anpr shell: the unit closed the session: " << answer.value().message
                      << "\n";
            return 2;
        }
        if (!answer.value().ok) {
            std::cerr << answer.value().message << "\n";
            code = 1;
        }
    }
    (void)client.request("quit");
    return code;
}

core::Result<std::string> password_for(const ShellOptions& options, const std::string& user) {
    if (const char* given = std::getenv("ANPR_SHELL_PASSWORD")) return std::string(given);
    return read_secret("password for " + user + " on " + options.address + ": ");
}

}  // namespace

int run_shell(const ShellOptions& options) {
    std::string user = options.user;
    if (user.empty()) {
        const char* login_name = std::getenv("USER");
        if (login_name == nullptr) {
            std::cerr << "anpr shell: give the account with --user\n";
            return 2;
        }
        user = login_name;
    }
    diag::ShellClientOptions connection;
    connection.address = options.address;
    connection.ca = options.ca;
    connection.cert = options.cert;
    connection.key = options.key;
    auto client = diag::ShellClient::connect(connection);
    if (!client) {
        std::cerr << "anpr shell: " << client.error().message << "\n";
        return 2;
    }
    auto password = password_for(options, user);
    if (!password) {
        std::cerr << "anpr shell: " << password.error().message << "\n";
        return 2;
    }
    std::string login = "login " + as_word(user) + " " + as_word(password.value());
    OPENSSL_cleanse(password.value().data(), password.value().size());
    auto answer = client.value()->request(login);
    OPENSSL_cleanse(login.data(), login.size());
    if (!answer || !answer.value().ok) {
        std::cerr << "anpr shell: login failed: "
                  << (answer ? answer.value().message : answer.error().message) << "\n";
        return 2;
    }
    if (!options.commands.empty()) return run_commands(*client.value(), options.commands);
    print_body(answer.value());
    return interact(*client.value());
}

}  // namespace anpr::app
