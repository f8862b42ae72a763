#include "diag/command_table.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace anpr::diag {
namespace {

CommandTable sample_table() {
    CommandTable table;
    table.add(Command{"echo", "echo WORDS...", "says the words back", false,
                      [](const std::vector<std::string>& args, const Caller& caller) {
                          std::string text = caller.account + ":";
                          for (const auto& arg : args) text += " " + arg;
                          return Reply{true, text};
                      }});
    table.add(Command{"flush", "flush", "sends the outbox now", true,
                      [](const std::vector<std::string>&, const Caller&) {
                          return Reply{true, "flushed"};
                      }});
    table.add(Command{"crash", "crash", "throws", false,
                      [](const std::vector<std::string>&, const Caller&) -> Reply {
                          throw std::runtime_error("disk on fire");
                      }});
    table.add(Command{"oddball", "oddball", "throws a non-exception", false,
                      [](const std::vector<std::string>&, const Caller&) -> Reply { throw 42; }});
    return table;
}

const Caller kViewer{"ann", "127.0.0.1:5000", false, false};
const Caller kOperator{"bob", "127.0.0.1:5001", true, true};

TEST(CommandTable, RunsACommandWithItsWords) {
    const auto reply = sample_table().execute(R"(echo one "two three")", kViewer);
    EXPECT_TRUE(reply.ok);
    EXPECT_EQ(reply.text, "ann: one two three");
}

TEST(CommandTable, HelpListsEveryCommandAndOne) {
    const auto table = sample_table();
    const auto all = table.execute("help", kViewer);
    ASSERT_TRUE(all.ok);
    EXPECT_NE(all.text.find("help [COMMAND]"), std::string::npos);
    EXPECT_NE(all.text.find("echo WORDS..."), std::string::npos);
    EXPECT_NE(all.text.find("sends the outbox now (needs operate)"), std::string::npos);
    const auto one = table.execute("help flush", kViewer);
    ASSERT_TRUE(one.ok);
    EXPECT_EQ(one.text, "usage: flush\nsends the outbox now (needs operate)");
    EXPECT_FALSE(table.execute("help nope", kViewer).ok);
    EXPECT_FALSE(table.execute("help a b", kViewer).ok);
}

TEST(CommandTable, EmptyAndUnknownLinesSayWhatToDo) {
    const auto table = sample_table();
    EXPECT_EQ(table.execute("   ", kViewer).text, "empty line: type help");
    const auto unknown = table.execute("reboot now", kViewer);
    EXPECT_FALSE(unknown.ok);
    EXPECT_EQ(unknown.text, "unknown command 'reboot': type help");
    const auto long_name = table.execute(std::string(500, 'x'), kViewer);
    EXPECT_LT(long_name.text.size(), 100u);
    const auto escaped = table.execute("\"a\\\\b\xc3\xa9\"", kViewer);
    EXPECT_EQ(escaped.text, "unknown command 'a\\b\xc3\xa9': type help");
}

TEST(CommandTable, RefusesOperateCommandsWithoutTheRight) {
    const auto table = sample_table();
    const auto refused = table.execute("flush", kViewer);
    EXPECT_FALSE(refused.ok);
    EXPECT_EQ(refused.text, "'flush' needs the operate right; account 'ann' does not have it");
    EXPECT_TRUE(table.execute("flush", kOperator).ok);
}

TEST(CommandTable, TurnsExceptionsIntoErrors) {
    const auto table = sample_table();
    const auto crashed = table.execute("crash", kViewer);
    EXPECT_FALSE(crashed.ok);
    EXPECT_EQ(crashed.text, "command 'crash' failed: disk on fire");
    EXPECT_FALSE(table.execute("oddball", kViewer).ok);
}

TEST(CommandTable, RefusesLinesThatAreNotText) {
    const auto reply = sample_table().execute("echo \x1b[31m", kViewer);
    EXPECT_FALSE(reply.ok);
    EXPECT_NE(reply.text.find("control byte 0x1b"), std::string::npos);
}

}  // namespace
}  // namespace anpr::diag
