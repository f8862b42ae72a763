#include "diag/command_table.hpp"

#include <algorithm>
#include <exception>

#include "diag/command_line.hpp"

namespace anpr::diag {
namespace {

constexpr std::size_t kShownNameBytes = 64;

std::string help_line(std::string_view usage, std::string_view summary, std::size_t width) {
    std::string line(usage);
    line.append(width - usage.size() + 2, ' ');
    line.append(summary);
    return line;
}

std::string operate_note(const Command& command) {
    return command.needs_operate ? " (needs operate)" : "";
}

}  // namespace

void CommandTable::add(Command command) { commands_.push_back(std::move(command)); }

std::string CommandTable::help() const {
    static constexpr std::string_view kHelpUsage = "help [COMMAND]";
    std::size_t width = kHelpUsage.size();
    for (const auto& command : commands_) width = std::max(width, command.usage.size());
    std::string text = help_line(kHelpUsage, "the commands, or one command's usage", width);
    for (const auto& command : commands_) {
        text += "\n" + help_line(command.usage, command.summary + operate_note(command), width);
    }
    return text;
}

Reply CommandTable::execute(std::string_view line, const Caller& caller) const {
    std::string name;
    try {
        auto words = split_command_line(line);
        if (!words) return error_reply(words.error().message);
        if (words.value().empty()) return error_reply("empty line: type help");
        name = shown_text(words.value().front(), kShownNameBytes);
        const std::vector<std::string> args(words.value().begin() + 1, words.value().end());

        const auto find = [this](std::string_view wanted) {
            return std::find_if(commands_.begin(), commands_.end(),
                                [&](const Command& command) { return command.name == wanted; });
        };
        if (words.value().front() == "help") {
            if (args.empty()) return Reply{true, help()};
            if (args.size() > 1) return error_reply("usage: help [COMMAND]");
            const auto command = find(args.front());
            if (command == commands_.end()) {
                return error_reply("unknown command '" + shown_text(args.front(), kShownNameBytes) +
                                   "': type help");
            }
            return Reply{true, "usage: " + command->usage + "\n" + command->summary +
                                   operate_note(*command)};
        }
        const auto command = find(words.value().front());
        if (command == commands_.end()) {
            return error_reply("unknown command '" + name + "': type help");
        }
        if (command->needs_operate && !caller.operate) {
            return error_reply("'" + name + "' needs the operate right; account '" +
                               caller.account + "' does not have it");
        }
        return command->run(args, caller);
    } catch (const std::exception& failure) {
        return error_reply("command '" + name + "' failed: " + failure.what());
    } catch (...) {
        return error_reply("command '" + name + "' failed");
    }
}

}  // namespace anpr::diag
