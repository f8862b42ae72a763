#include "capture/image_files.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "capture/image_folder_source.hpp"
#include "temp_dir.hpp"

namespace anpr::capture {
namespace {

void write_image(const std::filesystem::path& file) {
    cv::imwrite(file.string(), cv::Mat(20, 30, CV_8UC3, cv::Scalar(1, 2, 3)));
}

TEST(ImageFilesTest, RecognisesImageExtensions) {
    EXPECT_TRUE(is_image_file("a.jpg"));
    EXPECT_TRUE(is_image_file("a.JPEG"));
    EXPECT_TRUE(is_image_file("dir/a.Png"));
    EXPECT_FALSE(is_image_file("a.json"));
    EXPECT_FALSE(is_image_file("jpg"));
}

TEST(ImageFilesTest, ExpandsFoldersInNameOrderAndKeepsFiles) {
    testing::TempDir dir;
    write_image(dir.path() / "b.png");
    write_image(dir.path() / "a.jpg");
    dir.write("notes.txt", "not an image");
    auto files = expand_image_paths({dir.path(), dir.path() / "b.png"});
    ASSERT_TRUE(files.ok()) << files.error().message;
    ASSERT_EQ(files.value().size(), 3u);
    EXPECT_EQ(files.value()[0].filename(), "a.jpg");
    EXPECT_EQ(files.value()[1].filename(), "b.png");
    EXPECT_EQ(files.value()[2].filename(), "b.png");
}

TEST(ImageFilesTest, MissingPathIsAnErrorNamingIt) {
    auto files = expand_image_paths({"no/such/folder"});
    ASSERT_FALSE(files.ok());
    EXPECT_NE(files.error().message.find("no/such/folder"), std::string::npos);
}

TEST(ImageFilesTest, EmptyAndCorruptFilesAreErrorsNamingThem) {
    testing::TempDir dir;
    const auto empty = dir.write("empty.jpg", "");
    const auto corrupt =
        dir.write("corrupt.jpg", std::string("\xFF\xD8\xFF\xE0 this is not really a JPEG", 31));
    auto empty_frame = load_frame(empty, 0);
    ASSERT_FALSE(empty_frame.ok());
    EXPECT_NE(empty_frame.error().message.find("empty.jpg"), std::string::npos);
    EXPECT_NE(empty_frame.error().message.find("empty"), std::string::npos);
    auto corrupt_frame = load_frame(corrupt, 0);
    ASSERT_FALSE(corrupt_frame.ok());
    EXPECT_NE(corrupt_frame.error().message.find("corrupt.jpg"), std::string::npos);
    EXPECT_FALSE(load_frame(dir.path() / "missing.jpg", 0).ok());
}

TEST(ImageFilesTest, AFileLargerThanAnyFrameIsRefusedUnread) {
    testing::TempDir dir;
    const auto huge = dir.write("huge.jpg", "");
    std::filesystem::resize_file(huge, std::uintmax_t{257} << 20);  // sparse: no disk used
    auto frame = load_frame(huge, 0);
    ASSERT_FALSE(frame.ok());
    EXPECT_NE(frame.error().message.find("huge.jpg"), std::string::npos);
    EXPECT_NE(frame.error().message.find("larger than 256 MB"), std::string::npos);
}

TEST(ImageFilesTest, LoadsAFrameWithItsSourceAndIndex) {
    testing::TempDir dir;
    write_image(dir.path() / "a.png");
    auto frame = load_frame(dir.path() / "a.png", 7);
    ASSERT_TRUE(frame.ok());
    EXPECT_EQ(frame.value().image.size(), cv::Size(30, 20));
    EXPECT_EQ(frame.value().index, 7u);
    EXPECT_EQ(frame.value().source, (dir.path() / "a.png").string());
}

TEST(ImageFolderSourceTest, SkipsACorruptFrameAndGoesOn) {
    testing::TempDir dir;
    write_image(dir.path() / "1.png");
    dir.write("2.jpg", "garbage");
    write_image(dir.path() / "3.png");
    config::CaptureConfig config;
    config.source = dir.path().string();
    auto source = ImageFolderSource::open(config);
    ASSERT_TRUE(source.ok());
    EXPECT_EQ(source.value().size(), 3u);
    auto first = source.value().next();
    ASSERT_TRUE(first.ok() && first.value().has_value());
    auto second = source.value().next();
    ASSERT_FALSE(second.ok());
    EXPECT_NE(second.error().message.find("2.jpg"), std::string::npos);
    auto third = source.value().next();
    ASSERT_TRUE(third.ok() && third.value().has_value());
    EXPECT_NE(third.value()->source.find("3.png"), std::string::npos);
    auto done = source.value().next();
    ASSERT_TRUE(done.ok());
    EXPECT_FALSE(done.value().has_value());
}

TEST(ImageFolderSourceTest, LoopsWhenAsked) {
    testing::TempDir dir;
    write_image(dir.path() / "1.png");
    config::CaptureConfig config;
    config.source = dir.path().string();
    config.loop = true;
    auto source = ImageFolderSource::open(config);
    ASSERT_TRUE(source.ok());
    for (int i = 0; i < 3; ++i) {
        auto frame = source.value().next();
        ASSERT_TRUE(frame.ok() && frame.value().has_value());
        EXPECT_EQ(frame.value()->index, static_cast<std::uint64_t>(i));
    }
}

TEST(ImageFolderSourceTest, EmptyOrMissingFolderIsAnError) {
    testing::TempDir dir;
    config::CaptureConfig config;
    config.source = dir.path().string();
    EXPECT_FALSE(ImageFolderSource::open(config).ok());
    config.source = "no/such/folder";
    auto missing = ImageFolderSource::open(config);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("no/such/folder"), std::string::npos);
}

}  // namespace
}  // namespace anpr::capture
