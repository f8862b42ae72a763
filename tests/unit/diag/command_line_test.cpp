#include "diag/command_line.hpp"

#include <gtest/gtest.h>

#include <random>

#include "diag/command_table.hpp"

namespace anpr::diag {
namespace {

std::vector<std::string> words(std::string_view line) {
    auto split = split_command_line(line);
    EXPECT_TRUE(split.ok()) << split.error().message;
    return split.ok() ? split.value() : std::vector<std::string>{};
}

std::string refusal(std::string_view line) {
    auto split = split_command_line(line);
    EXPECT_FALSE(split.ok()) << "accepted: " << line;
    return split.ok() ? std::string() : split.error().message;
}

TEST(CommandLine, SplitsOnSpacesAndTabs) {
    EXPECT_EQ(words("status  uplink\tnow"), (std::vector<std::string>{"status", "uplink", "now"}));
    EXPECT_TRUE(words("").empty());
    EXPECT_TRUE(words("  \t ").empty());
}

TEST(CommandLine, DropsOneTrailingCarriageReturn) {
    EXPECT_EQ(words("help\r"), (std::vector<std::string>{"help"}));
    EXPECT_TRUE(words("\r").empty());
}

TEST(CommandLine, QuotesGroupWordsWithEscapes) {
    EXPECT_EQ(words(R"(say "a b" c)"), (std::vector<std::string>{"say", "a b", "c"}));
    EXPECT_EQ(words(R"("he said \"hi\"" "back\\slash")"),
              (std::vector<std::string>{"he said \"hi\"", "back\\slash"}));
    EXPECT_EQ(words(R"(x"y z"w)"), (std::vector<std::string>{"xy zw"}));
    EXPECT_EQ(words(R"(empty "")"), (std::vector<std::string>{"empty", ""}));
    EXPECT_EQ(words(R"("keep \n as is")"), (std::vector<std::string>{"keep \\n as is"}));
    EXPECT_EQ(words("plate \"MÜ AB 123\""), (std::vector<std::string>{"plate", "MÜ AB 123"}));
}

TEST(CommandLine, RefusesControlBytesNamingThemAndWhere) {
    EXPECT_EQ(refusal(std::string("ab\x07") + "c"),
              "control byte 0x07 at byte 3: a line is printable text");
    EXPECT_NE(refusal(std::string("a\0b", 3)).find("0x00 at byte 2"), std::string::npos);
    EXPECT_NE(refusal("a\x7f").find("0x7f"), std::string::npos);
    EXPECT_NE(refusal("a\rb").find("0x0d"), std::string::npos);
    EXPECT_NE(refusal("\x1b[2J").find("0x1b at byte 1"), std::string::npos);
}

TEST(CommandLine, RefusesInvalidUtf8) {
    EXPECT_EQ(refusal("ok \xff"), "invalid UTF-8 at byte 4: a line is UTF-8 text");
    EXPECT_NE(refusal("\xc0\xaf").find("invalid UTF-8"), std::string::npos);      // overlong
    EXPECT_NE(refusal("\xed\xa0\x80").find("invalid UTF-8"), std::string::npos);  // surrogate
    EXPECT_NE(refusal("\xe2\x82").find("invalid UTF-8"), std::string::npos);      // cut short
    EXPECT_NE(refusal("\xf4\x90\x80\x80").find("invalid UTF-8"), std::string::npos);
}

TEST(CommandLine, RefusesAnUnbalancedQuote) {
    EXPECT_EQ(refusal(R"(say "hi)"), "unbalanced quote: the quote at byte 5 is not closed");
    EXPECT_NE(refusal(R"("a\")").find("unbalanced quote"), std::string::npos);
}

TEST(CommandLine, RefusesTooManyWordsAndTooLongWords) {
    std::string many;
    for (std::size_t i = 0; i < kMaxWords; ++i) many += "w ";
    EXPECT_EQ(words(many).size(), kMaxWords);
    EXPECT_EQ(refusal(many + "one-more"), "more than 32 words");
    EXPECT_EQ(words(std::string(kMaxWordBytes, 'a')).front().size(), kMaxWordBytes);
    EXPECT_EQ(refusal("x " + std::string(kMaxWordBytes + 1, 'a')),
              "word 2 is longer than 1024 bytes");
}

TEST(ShownText, EscapesAndCuts) {
    EXPECT_EQ(shown_text("plain", 200), "plain");
    EXPECT_EQ(shown_text("a\nb\x01\xff", 200), "a\\x0ab\\x01\\xff");
    EXPECT_EQ(shown_text("Ü", 200), "Ü");
    EXPECT_EQ(shown_text("abcdefghij", 10), "abcdefghij");
    EXPECT_EQ(shown_text("abcdefghijk", 10), "abcdefg...");
    EXPECT_EQ(shown_text("abcdef\x01xyz", 10), "abcdef...");  // never half an escape
    EXPECT_LE(shown_text(std::string(5000, '\x01'), 200).size(), 200u);
}

/// Random bytes of every kind: nothing may crash, throw or hang, and every
/// refusal must say something.
TEST(CommandLineFuzz, RandomBytesAreSplitOrRefusedClearly) {
    std::mt19937 random(20240601);
    const std::string alphabet = "ab z\t\"\\\r\n\x01\x7f\xc3\xa9\xff\xe2\x82\xac\xf0";
    CommandTable table;
    table.add(Command{"echo", "echo WORDS...", "says the words back", false,
                      [](const std::vector<std::string>& args, const Caller&) {
                          std::string text;
                          for (const auto& arg : args) text += arg + " ";
                          return Reply{true, text};
                      }});
    table.add(Command{"throw", "throw", "fails", false,
                      [](const std::vector<std::string>&, const Caller&) -> Reply {
                          throw std::runtime_error("boom");
                      }});
    table.add(Command{"flush", "flush", "changes things", true,
                      [](const std::vector<std::string>&, const Caller&) { return Reply{}; }});
    const Caller caller{"tech", "127.0.0.1:1", false, false};
    std::size_t ok = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string line(random() % 301, '\0');
        for (auto& byte : line) {
            const auto pick = random() % 4;
            byte = pick == 0 ? static_cast<char>(random() % 256)
                             : alphabet[random() % alphabet.size()];
        }
        if (i % 7 == 0) line = (i % 2 ? "echo " : "throw ") + line;
        const auto split = split_command_line(line);
        if (split.ok()) {
            ++ok;
            EXPECT_LE(split.value().size(), kMaxWords);
        } else {
            EXPECT_FALSE(split.error().message.empty());
        }
        const auto reply = table.execute(line, caller);
        if (!reply.ok) {
            EXPECT_FALSE(reply.text.empty());
        }
    }
    EXPECT_GT(ok, 0u);
}

}  // namespace
}  // namespace anpr::diag
