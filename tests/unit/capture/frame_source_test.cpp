#include "capture/frame_source.hpp"

#include <gtest/gtest.h>

namespace anpr::capture {
namespace {

const std::atomic<bool> no_stop{false};

config::CaptureConfig source(const std::string& path) {
    config::CaptureConfig config;
    config.source = path;
    return config;
}

TEST(FrameSourceTest, AFolderIsStillImages) {
    auto opened = open_source(source("images"), no_stop);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_FALSE(opened.value()->films_a_scene());
    EXPECT_NE(opened.value()->description().find("images in 'images'"), std::string::npos);
    auto frame = opened.value()->next();
    ASSERT_TRUE(frame.ok() && frame.value().has_value());
}

TEST(FrameSourceTest, AVideoFilmsAScene) {
    auto opened = open_source(source("images/passage_be.mp4"), no_stop);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_TRUE(opened.value()->films_a_scene());
    EXPECT_EQ(opened.value()->description(), "video 'images/passage_be.mp4'");
    auto frame = opened.value()->next();
    ASSERT_TRUE(frame.ok() && frame.value().has_value());
    EXPECT_EQ(frame.value()->image.size(), cv::Size(800, 600));
}

TEST(FrameSourceTest, MissingSourcesAreNamed) {
    auto video = open_source(source("no/such/camera.mp4"), no_stop);
    ASSERT_FALSE(video.ok());
    EXPECT_NE(video.error().message.find("no/such/camera.mp4"), std::string::npos);
    auto folder = open_source(source("no/such/folder"), no_stop);
    ASSERT_FALSE(folder.ok());
    EXPECT_NE(folder.error().message.find("no/such/folder"), std::string::npos);
}

}  // namespace
}  // namespace anpr::capture
