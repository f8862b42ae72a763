#include "capture/video_file.hpp"

#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace anpr::capture {
namespace {

TEST(VideoFileTest, RecognisesVideoExtensions) {
    EXPECT_TRUE(is_video_file("a/passage.MP4"));
    EXPECT_TRUE(is_video_file("lane1.mkv"));
    EXPECT_FALSE(is_video_file("frame.jpg"));
    EXPECT_FALSE(is_video_file("mp4"));
}

TEST(VideoFileTest, ReadsEveryFrameOfTheSampleVideo) {
    // images/passage_be.json: 25 frames of 800x600.
    auto video = VideoFile::open("images/passage_be.mp4");
    ASSERT_TRUE(video.ok()) << video.error().message;
    std::uint64_t count = 0;
    while (true) {
        auto frame = video.value().next();
        ASSERT_TRUE(frame.ok()) << frame.error().message;
        if (!frame.value()) break;
        EXPECT_EQ(frame.value()->index, count);
        EXPECT_EQ(frame.value()->image.size(), cv::Size(800, 600));
        EXPECT_EQ(frame.value()->image.type(), CV_8UC3);
        EXPECT_EQ(frame.value()->source, "images/passage_be.mp4");
        ++count;
    }
    EXPECT_EQ(count, 25u);
    auto after_end = video.value().next();  // stays at the end
    ASSERT_TRUE(after_end.ok());
    EXPECT_FALSE(after_end.value().has_value());
}

TEST(VideoFileTest, MissingOrGarbageFileIsNamed) {
    auto missing = VideoFile::open("no/such/passage.mp4");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message, "video 'no/such/passage.mp4': not found");
    testing::TempDir dir;
    const auto garbage = dir.write("garbage.mp4", std::string(4096, 'x'));
    auto opened = VideoFile::open(garbage);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find(garbage.string()), std::string::npos)
        << opened.error().message;
}

}  // namespace
}  // namespace anpr::capture
