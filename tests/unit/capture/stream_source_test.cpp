#include "capture/stream_source.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace anpr::capture {
namespace {

using namespace std::chrono_literals;

config::CaptureConfig live(const std::string& source) {
    config::CaptureConfig config;
    config.source = source;
    config.reconnect_min_s = 0.05f;
    config.reconnect_max_s = 0.2f;
    config.stream_timeout_s = 1.f;
    return config;
}

/// Reads from `source` until `stop` is set after `wait`; the result of next().
core::Result<std::optional<core::Frame>> next_until_stopped(StreamSource& source,
                                                            std::atomic<bool>& stop,
                                                            std::chrono::milliseconds wait) {
    std::thread stopper([&] {
        std::this_thread::sleep_for(wait);
        stop = true;
    });
    auto frame = source.next();
    stopper.join();
    return frame;
}

TEST(StreamSourceTest, KnowsLiveSourcesByScheme) {
    EXPECT_TRUE(is_live_source("rtsp://10.0.0.5/stream1"));
    EXPECT_TRUE(is_live_source("http://127.0.0.1:8080/video.mjpg"));
    EXPECT_TRUE(is_live_source("https://camera.local/stream"));
    EXPECT_TRUE(is_live_source("v4l2:///dev/video0"));
    EXPECT_FALSE(is_live_source("images"));
    EXPECT_FALSE(is_live_source("images/passage_be.mp4"));
}

TEST(StreamSourceTest, AMissingCameraIsOneOutageAndTheUnitWaits) {
    std::atomic<bool> stop{false};
    StreamSource source(live("v4l2:///dev/video-that-does-not-exist"), stop);
    EXPECT_EQ(source.description(), "camera '/dev/video-that-does-not-exist'");
    EXPECT_TRUE(source.films_a_scene());
    auto frame = next_until_stopped(source, stop, 600ms);
    ASSERT_TRUE(frame.ok());
    EXPECT_FALSE(frame.value().has_value());  // only because it was stopped
    EXPECT_EQ(source.stream_counters().outages, 1u);
    EXPECT_GE(source.stream_counters().failed_opens, 3u);  // 0.05, 0.1, 0.2, 0.2 s apart
    EXPECT_EQ(source.stream_counters().frames, 0u);
}

TEST(StreamSourceTest, AStreamNobodyServesIsRetried) {
    std::atomic<bool> stop{false};
    StreamSource source(live("http://127.0.0.1:9/none.mjpg"), stop);  // discard port: closed
    auto frame = next_until_stopped(source, stop, 400ms);
    ASSERT_TRUE(frame.ok());
    EXPECT_FALSE(frame.value().has_value());
    EXPECT_EQ(source.stream_counters().outages, 1u);
    EXPECT_GE(source.stream_counters().failed_opens, 2u);
}

}  // namespace
}  // namespace anpr::capture
