#pragma once
/// The diagnostics shell's commands: one table, from which the shell runs a
/// line and builds `help`. A line is a command word and its arguments
/// (command_line.hpp); what each command does lives with the unit's wiring
/// (unit_commands.hpp), so the shell itself knows no command.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace anpr::diag {

/// Who runs a command: the logged-in account and what it may do.
struct Caller {
    std::string account;
    std::string peer;         ///< "address:port" the session comes from
    bool see_plates = false;  ///< right "plates": plates shown in clear
    bool operate = false;     ///< right "operate": commands that change the unit
};

/// A command's answer: text of one or more lines (no trailing newline
/// needed), and whether the command did what was asked.
struct Reply {
    bool ok = true;
    std::string text;
};

inline Reply error_reply(std::string text) { return Reply{false, std::move(text)}; }

struct Command {
    std::string name;     ///< the first word, e.g. "outbox"
    std::string usage;    ///< e.g. "outbox [flush]"
    std::string summary;  ///< one line for `help`
    bool needs_operate = false;
    /// Runs with the words after the name. Called from the shell's worker
    /// threads, possibly for several sessions at once: must be thread-safe.
    /// May throw; the table turns an exception into an error reply.
    std::function<Reply(const std::vector<std::string>& args, const Caller& caller)> run;
};

/// Thread-safe once filled: add() every command before the shell starts.
class CommandTable {
  public:
    void add(Command command);

    /// Parses `line` and runs its command. Never throws: an empty line, an
    /// unknown command, a line that is not printable text, a command the
    /// caller has no right to, or one that throws each get an error reply
    /// naming what is wrong. `help` is built in.
    Reply execute(std::string_view line, const Caller& caller) const;

    /// One line per command: usage and summary, marked where it needs "operate".
    std::string help() const;

  private:
    std::vector<Command> commands_;
};

}  // namespace anpr::diag
