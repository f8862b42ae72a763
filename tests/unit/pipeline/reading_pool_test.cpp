#include "pipeline/reading_pool.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "capture/image_files.hpp"

namespace anpr::pipeline {
namespace {

/// The sample frames in name order, with a frame it cannot decode at `bad`.
class SampleFrames final : public capture::FrameSource {
  public:
    explicit SampleFrames(std::size_t bad) : bad_(bad) {
        files_ = capture::list_images("images").value();
    }
    core::Result<std::optional<core::Frame>> next() override {
        if (position_ == files_.size()) return std::optional<core::Frame>{};
        const std::size_t index = position_++;
        if (index == bad_) return core::Error{"frame " + std::to_string(index) + ": damaged"};
        auto frame = capture::load_frame(files_[index], index);
        if (!frame) return frame.error();
        return std::optional<core::Frame>{std::move(frame).value()};
    }
    bool films_a_scene() const override { return false; }
    std::string description() const override { return "sample frames"; }
    std::size_t size() const { return files_.size(); }

  private:
    std::vector<std::filesystem::path> files_;
    std::size_t bad_;
    std::size_t position_ = 0;
};

std::vector<PlateReader> readers(int count) {
    std::vector<PlateReader> all;
    for (int i = 0; i < count; ++i) all.push_back(PlateReader::create(config::AppConfig{}).value());
    return all;
}

TEST(ReadingPoolTest, TwoReadersHandFramesOnInTheOrderTaken) {
    ReadingPool pool(readers(2));
    EXPECT_EQ(pool.threads(), 2u);
    SampleFrames source(4);
    const std::atomic<bool> stop{false};
    std::vector<std::uint64_t> order;  // frame indices, errors as 1000 + position
    int plates = 0;
    const auto status = pool.run(
        source, stop,
        [&](ReadFrame& read) -> core::Status {
            EXPECT_TRUE(read.plates.ok());
            if (read.plates.ok()) plates += static_cast<int>(read.plates.value().size());
            EXPECT_GT(read.times.localize_ms, 0);
            order.push_back(read.frame.index);
            return core::Ok{};
        },
        [&](const core::Error& error) {
            EXPECT_EQ(error.message, "frame 4: damaged");
            order.push_back(1000 + order.size());
        });
    ASSERT_TRUE(status.ok());
    ASSERT_EQ(order.size(), source.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        EXPECT_EQ(order[i], i == 4 ? 1004u : i) << "position " << i;
    }
    EXPECT_GE(plates, 10);  // 11 of the 12 plates drawn are outside the damaged frame
}

TEST(ReadingPoolTest, SkippedFramesAreCountedNotReadNorHandedOn) {
    ReadingPool pool(readers(2));
    SampleFrames source(1000);
    const std::atomic<bool> stop{false};
    std::vector<std::uint64_t> seen_by_skip;
    std::vector<std::uint64_t> handed_on;
    const auto status = pool.run(
        source, stop,
        [&](ReadFrame& read) -> core::Status {
            handed_on.push_back(read.frame.index);
            return core::Ok{};
        },
        [](const core::Error&) {},
        [&](const core::Frame& frame) {
            seen_by_skip.push_back(frame.index);
            return frame.index % 2 == 1;  // every other frame
        });
    ASSERT_TRUE(status.ok());
    ASSERT_EQ(seen_by_skip.size(), source.size());
    for (std::size_t i = 0; i < seen_by_skip.size(); ++i)
        EXPECT_EQ(seen_by_skip[i], i);  // in order
    EXPECT_EQ(pool.skipped(), source.size() / 2);
    for (std::size_t i = 0; i < handed_on.size(); ++i) EXPECT_EQ(handed_on[i], 2 * i);
}

TEST(ReadingPoolTest, AnErrorFromTheConsumerStopsThePool) {
    ReadingPool pool(readers(2));
    SampleFrames source(1000);
    const std::atomic<bool> stop{false};
    int handed_on = 0;
    const auto status = pool.run(
        source, stop,
        [&](ReadFrame&) -> core::Status {
            if (++handed_on == 3) return core::Error{"outbox: disk full"};
            return core::Ok{};
        },
        [](const core::Error&) {});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().message, "outbox: disk full");
    EXPECT_EQ(handed_on, 3);
}

/// A camera that gives one frame, then nothing until halted.
class CameraGoneAfterOneFrame final : public capture::FrameSource {
  public:
    core::Result<std::optional<core::Frame>> next() override {
        if (!given_) {
            given_ = true;
            return std::optional<core::Frame>{capture::load_frame("images/fr_01.jpg", 0).value()};
        }
        while (!halted_) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return std::optional<core::Frame>{};
    }
    bool films_a_scene() const override { return true; }
    std::string description() const override { return "camera gone"; }
    void halt() override { halted_ = true; }

  private:
    bool given_ = false;
    std::atomic<bool> halted_{false};
};

TEST(ReadingPoolTest, AConsumerErrorDoesNotWaitForAGoneCamera) {
    ReadingPool pool(readers(2));
    CameraGoneAfterOneFrame source;
    const std::atomic<bool> stop{false};
    const auto status = pool.run(
        source, stop, [](ReadFrame&) -> core::Status { return core::Error{"outbox: disk full"}; },
        [](const core::Error&) {});
    ASSERT_FALSE(status.ok());  // reached: the readers waiting in the source were let go
    EXPECT_EQ(status.error().message, "outbox: disk full");
}

TEST(ReadingPoolTest, StopEndsTheRun) {
    ReadingPool pool(readers(1));
    SampleFrames source(1000);
    std::atomic<bool> stop{false};
    int handed_on = 0;
    const auto status = pool.run(
        source, stop,
        [&](ReadFrame&) -> core::Status {
            if (++handed_on == 2) stop = true;
            return core::Ok{};
        },
        [](const core::Error&) {});
    EXPECT_TRUE(status.ok());
    EXPECT_LE(handed_on, 2 + 2);  // at most the frames already taken ahead
}

}  // namespace
}  // namespace anpr::pipeline
