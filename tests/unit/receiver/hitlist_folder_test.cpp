#include "receiver/hitlist_folder.hpp"

#include <gtest/gtest.h>

#include <string>

#include "sample_hitlist.hpp"
#include "temp_dir.hpp"

namespace anpr::receiver {
namespace {

using testing::hitlist_text;

/// The name of what a unit holding `have` gets: "" when up to date, the
/// error message when it fails.
std::string served(const anpr::testing::TempDir& dir, std::uint64_t have) {
    const auto hitlist = HitlistFolder(dir.path()).for_unit_holding(have);
    if (!hitlist) return "error: " + hitlist.error().message;
    return hitlist.value() ? hitlist.value()->name : "";
}

TEST(ReceiverHitlistFolderTest, DeltaFromTheUnitsVersionElseANewerFullList) {
    const anpr::testing::TempDir dir;
    EXPECT_EQ(served(dir, 0), "") << "an empty folder has nothing to serve";
    dir.write("full.hitlist", hitlist_text(42));
    dir.write("delta-40.hitlist", hitlist_text(42, 40));
    dir.write("delta-41.hitlist", hitlist_text(42, 41));
    EXPECT_EQ(served(dir, 0), "full.hitlist");
    EXPECT_EQ(served(dir, 39), "full.hitlist");
    EXPECT_EQ(served(dir, 40), "delta-40.hitlist");
    EXPECT_EQ(served(dir, 41), "delta-41.hitlist");
    EXPECT_EQ(served(dir, 42), "");
    EXPECT_EQ(served(dir, 43), "") << "a unit ahead of the folder is left alone";
}

TEST(ReceiverHitlistFolderTest, ServesTheWholeFileWithItsVersion) {
    const anpr::testing::TempDir dir;
    dir.write("delta-41.hitlist", hitlist_text(42, 41));
    const auto hitlist = HitlistFolder(dir.path()).for_unit_holding(41);
    ASSERT_TRUE(hitlist.ok()) << hitlist.error().message;
    ASSERT_TRUE(hitlist.value().has_value());
    EXPECT_EQ(hitlist.value()->version, 42u);
    EXPECT_EQ(hitlist.value()->bytes, hitlist_text(42, 41));
}

TEST(ReceiverHitlistFolderTest, FilesAreReadAtEachRequest) {
    const anpr::testing::TempDir dir;
    dir.write("full.hitlist", hitlist_text(42));
    const HitlistFolder folder(dir.path());
    EXPECT_EQ(folder.for_unit_holding(0).value()->version, 42u);
    dir.write("full.hitlist", hitlist_text(43));
    EXPECT_EQ(folder.for_unit_holding(0).value()->version, 43u);
}

TEST(ReceiverHitlistFolderTest, BadHeadersAreErrorsNamingTheFile) {
    const auto error_for = [](const std::string& name, const std::string& text,
                              std::uint64_t have) {
        const anpr::testing::TempDir dir;
        dir.write(name, text);
        const std::string message = served(dir, have);
        EXPECT_NE(message.find("hit list '" + (dir.path() / name).string() + "': "),
                  std::string::npos)
            << message;
        return message.substr(message.find("': ") + 3);
    };
    EXPECT_EQ(error_for("full.hitlist", "", 0), "is empty or cannot be read");
    EXPECT_EQ(error_for("full.hitlist", "garbage\n{}\n", 0), "its first line is not a JSON object");
    EXPECT_EQ(error_for("full.hitlist", "[42]\n", 0), "its first line is not a JSON object");
    EXPECT_EQ(error_for("full.hitlist", R"({"version":"42"})", 0),
              "its header has no positive integer \"version\"");
    EXPECT_EQ(error_for("full.hitlist", "{\"version\":0}\n", 0),
              "its header has no positive integer \"version\"");
    EXPECT_EQ(error_for("full.hitlist", "{\"version\":-3}\n", 0),
              "its header has no positive integer \"version\"");
    EXPECT_EQ(error_for("delta-41.hitlist", hitlist_text(42, 40), 41),
              "its header's \"base_version\" is not 41, the version its name says it applies to");
    EXPECT_EQ(error_for("delta-41.hitlist", hitlist_text(42), 41),
              "its header's \"base_version\" is not 41, the version its name says it applies to");
    EXPECT_EQ(error_for("delta-41.hitlist", hitlist_text(41, 41), 41),
              "its \"version\" 41 is not newer than its \"base_version\"");
    EXPECT_EQ(error_for("full.hitlist", std::string(HitlistFolder::kMaxHeaderBytes + 1, ' '), 0),
              "its first line is longer than 65536 bytes");
}

TEST(ReceiverHitlistFolderTest, FileOverTheLimitIsAnError) {
    const anpr::testing::TempDir dir;
    const auto file = dir.write("full.hitlist", hitlist_text(42));
    std::filesystem::resize_file(file, HitlistFolder::kMaxFileBytes + 1);  // sparse: no disk used
    EXPECT_EQ(served(dir, 0), "error: hit list '" + file.string() +
                                  "': is 536870913 bytes, over the limit of 536870912");
}

TEST(ReceiverHitlistFolderTest, MissingFolderIsAnError) {
    const anpr::testing::TempDir dir;
    const auto gone = dir.path() / "hitlists";
    const auto hitlist = HitlistFolder(gone).for_unit_holding(0);
    ASSERT_FALSE(hitlist.ok());
    EXPECT_EQ(hitlist.error().message, "hit list folder '" + gone.string() + "' is gone");
}

TEST(ReceiverHitlistFolderTest, UnreadableFileIsAnError) {
    const anpr::testing::TempDir dir;
    std::filesystem::create_directory(dir.path() / "full.hitlist");
    EXPECT_EQ(served(dir, 0).substr(0, 17), "error: hit list '");
}

}  // namespace
}  // namespace anpr::receiver
