#include "capture/capture_thread.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace anpr::capture {
namespace {

using namespace std::chrono_literals;

core::Frame frame_numbered(std::uint64_t index) {
    core::Frame frame;
    frame.image = cv::Mat(4, 4, CV_8UC3, cv::Scalar::all(0));
    frame.index = index;
    return frame;
}

TEST(LatestFrameTest, KeepsTheNewestAndCountsTheDropped) {
    LatestFrame latest;
    latest.put(frame_numbered(0));
    latest.put(frame_numbered(1));
    latest.put(frame_numbered(2));
    auto taken = latest.take(10ms);
    ASSERT_TRUE(taken.has_value());
    EXPECT_EQ(taken->index, 2u);
    EXPECT_EQ(latest.dropped(), 2u);
    EXPECT_FALSE(latest.take(10ms).has_value());  // nothing new: waits, then nothing
    EXPECT_FALSE(latest.closed());
    latest.put(frame_numbered(3));
    latest.close();
    EXPECT_FALSE(latest.closed());  // one frame still to take
    EXPECT_EQ(latest.take(10ms)->index, 3u);
    EXPECT_TRUE(latest.closed());
    EXPECT_EQ(latest.dropped(), 2u);
}

/// A camera that films `count` frames, one every `step`, and a frame it cannot decode at `bad`.
class FakeCamera final : public FrameSource {
  public:
    FakeCamera(std::uint64_t count, std::chrono::milliseconds step, std::uint64_t bad)
        : count_(count), step_(step), bad_(bad) {}
    core::Result<std::optional<core::Frame>> next() override {
        std::this_thread::sleep_for(step_);
        if (index_ == count_) return std::optional<core::Frame>{};
        const auto index = index_++;
        if (index == bad_) return core::Error{"frame " + std::to_string(index) + ": damaged"};
        return std::optional<core::Frame>{frame_numbered(index)};
    }
    bool films_a_scene() const override { return true; }
    std::string description() const override { return "fake camera"; }

  private:
    std::uint64_t count_;
    std::chrono::milliseconds step_;
    std::uint64_t bad_;
    std::uint64_t index_ = 0;
};

TEST(CaptureThreadTest, ASlowReaderGetsTheNewestFramesAndTheRestAreCounted) {
    std::atomic<bool> stop{false};
    CaptureThread capture([](const auto&) { return std::make_unique<FakeCamera>(40, 2ms, 5); },
                          stop);
    EXPECT_EQ(capture.description(), "fake camera");
    EXPECT_TRUE(capture.films_a_scene());
    std::uint64_t read = 0;
    std::uint64_t last = 0;
    while (true) {
        auto frame = capture.next();
        ASSERT_TRUE(frame.ok());
        if (!frame.value()) break;
        EXPECT_TRUE(read == 0 || frame.value()->index > last);  // in order, never twice
        last = frame.value()->index;
        ++read;
        std::this_thread::sleep_for(10ms);  // reading is 5 times slower than filming
    }
    const auto counters = capture.counters();
    EXPECT_EQ(counters.errors, 1u);
    EXPECT_EQ(read + counters.dropped + counters.errors, 40u);
    EXPECT_GT(counters.dropped, 0u);
    EXPECT_EQ(last, 39u);  // the last frame filmed is never dropped
}

TEST(CaptureThreadTest, StopEndsTheWait) {
    std::atomic<bool> stop{false};
    CaptureThread capture(
        [](const auto&) { return std::make_unique<FakeCamera>(1000000, 50ms, 1000000); }, stop);
    std::thread stopper([&] {
        std::this_thread::sleep_for(150ms);
        stop = true;
    });
    while (true) {
        auto frame = capture.next();
        ASSERT_TRUE(frame.ok());
        if (!frame.value()) break;
    }
    stopper.join();
    EXPECT_TRUE(stop);
}

/// A camera that never comes: its next() waits until told to give up.
class MissingCamera final : public FrameSource {
  public:
    explicit MissingCamera(const std::atomic<bool>& halt) : halt_(halt) {}
    core::Result<std::optional<core::Frame>> next() override {
        while (!halt_) std::this_thread::sleep_for(5ms);
        return std::optional<core::Frame>{};
    }
    bool films_a_scene() const override { return true; }
    std::string description() const override { return "missing camera"; }

  private:
    const std::atomic<bool>& halt_;
};

TEST(CaptureThreadTest, LeavingWithoutStopDoesNotWaitForTheCamera) {
    // The unit leaves on an error (its outbox failed) with `stop` not set:
    // destroying the capture thread must end the source's wait.
    const std::atomic<bool> stop{false};
    {
        CaptureThread capture(
            [](const std::atomic<bool>& halt) { return std::make_unique<MissingCamera>(halt); },
            stop);
        std::this_thread::sleep_for(50ms);
    }
    SUCCEED();  // reached: the destructor returned
}

}  // namespace
}  // namespace anpr::capture
