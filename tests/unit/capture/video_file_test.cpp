#include "capture/video_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

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

TEST(VideoFileTest, FramesAreStampedAtTheVideosPace) {
    // images/passage_be.json: 12.5 frames per second, so 80 ms apart, however
    // fast they are decoded.
    auto video = VideoFile::open("images/passage_be.mp4");
    ASSERT_TRUE(video.ok()) << video.error().message;
    std::vector<core::Timestamp> stamps;
    while (true) {
        auto frame = video.value().next();
        ASSERT_TRUE(frame.ok()) << frame.error().message;
        if (!frame.value()) break;
        stamps.push_back(frame.value()->captured);
    }
    ASSERT_EQ(stamps.size(), 25u);
    for (std::size_t i = 1; i < stamps.size(); ++i) {
        const auto step = std::chrono::duration<double, std::milli>(stamps[i].monotonic -
                                                                    stamps[i - 1].monotonic);
        EXPECT_NEAR(step.count(), 80.0, 0.5) << "frame " << i;
        const auto utc_step =
            std::chrono::duration<double, std::milli>(stamps[i].utc - stamps[i - 1].utc);
        EXPECT_NEAR(utc_step.count(), 80.0, 0.5) << "frame " << i;
    }
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

TEST(VideoFileTest, ADamagedFrameIsNamedAndTheVideoGoesOn) {
    // images/passage_be.mp4 with 2000 bytes garbled in the middle of its data.
    std::ifstream in("images/passage_be.mp4", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 10000u);
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 2000; ++i) {
        bytes[i] = static_cast<char>(static_cast<unsigned char>(bytes[i]) * 7 + 13);
    }
    testing::TempDir dir;
    auto video = VideoFile::open(dir.write("damaged.mp4", bytes));
    ASSERT_TRUE(video.ok()) << video.error().message;
    int frames = 0;
    std::vector<std::string> errors;
    for (int call = 0; call < 100; ++call) {
        auto frame = video.value().next();
        if (!frame) {
            errors.push_back(frame.error().message);
            continue;
        }
        if (!frame.value()) break;
        ++frames;
    }
    ASSERT_FALSE(errors.empty());
    EXPECT_NE(errors.front().find("damaged.mp4': frame "), std::string::npos) << errors.front();
    EXPECT_GE(frames, 20);  // of 25: the damage costs a frame or a few, not the rest
}

TEST(VideoFileTest, HugeFramesAreRefusedBeforeDecoding) {
    // A YUV4MPEG2 header claiming 8000x8000 frames (64 Mpx), with no data:
    // the unit must not try to allocate them.
    testing::TempDir dir;
    const auto huge =
        dir.write("huge.y4m", "YUV4MPEG2 W8000 H8000 F25:1 Ip A1:1 C420jpeg\nFRAME\n");
    auto opened = VideoFile::open(huge);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find("8000x8000, more than 50000000 pixels"),
              std::string::npos)
        << opened.error().message;
}

}  // namespace
}  // namespace anpr::capture
