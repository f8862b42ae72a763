#include "uplink/local_outbox.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "temp_dir.hpp"

namespace anpr::uplink {
namespace {

std::vector<std::string> lines_of(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST(LocalOutboxTest, AppendsOneLinePerRecordAcrossReopens) {
    testing::TempDir dir;
    const auto path = dir.path() / "nested" / "outbox.jsonl";
    {
        auto outbox = LocalOutbox::open(path);
        ASSERT_TRUE(outbox.ok()) << outbox.error().message;
        ASSERT_TRUE(outbox.value().append({{"n", 1}}).ok());
        ASSERT_TRUE(outbox.value().append({{"n", 2}}).ok());
    }
    {
        auto outbox = LocalOutbox::open(path);
        ASSERT_TRUE(outbox.ok());
        ASSERT_TRUE(outbox.value().append({{"n", 3}}).ok());
    }
    const auto lines = lines_of(path);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(nlohmann::json::parse(lines[2])["n"], 3);
}

TEST(LocalOutboxTest, UnwritablePlaceIsAnErrorNamingIt) {
    testing::TempDir dir;
    const auto blocker = dir.write("file", "x");
    auto outbox = LocalOutbox::open(blocker / "outbox.jsonl");  // a file where a folder should be
    ASSERT_FALSE(outbox.ok());
    EXPECT_NE(outbox.error().message.find("file"), std::string::npos);
}

TEST(LocalOutboxTest, FullDiskIsAnError) {
    if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
    auto outbox = LocalOutbox::open("/dev/full");
    ASSERT_TRUE(outbox.ok());
    auto stored = outbox.value().append({{"n", 1}});
    ASSERT_FALSE(stored.ok());
    EXPECT_NE(stored.error().message.find("/dev/full"), std::string::npos);
}

}  // namespace
}  // namespace anpr::uplink
