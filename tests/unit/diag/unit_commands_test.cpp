// The shell's commands on a unit's services: an image folder for a camera,
// a real outbox, the clock and GPS services without chrony or gpsd.
#include "diag/unit_commands.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <opencv2/core.hpp>

#include "capture/image_folder_source.hpp"
#include "diag/unit_metrics.hpp"
#include "logging/logging.hpp"
#include "temp_dir.hpp"

namespace anpr::diag {
namespace {

/// A hash of the right shape; the commands never check passwords.
constexpr const char* kAccount =
    "alice:$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U:"
    "plates";

class UnitCommandsTest : public ::testing::Test {
  protected:
    UnitCommandsTest()
        : outbox_(uplink::Outbox::open(dir_.path() / "outbox.db", 1000000).value()),
          clock_(5.0, ""),
          gps_(config_.gps, {0, 0}) {
        config_.capture.source = "images";
        config_.diag.snapshot_dir = dir_.path() / "snapshots";
        config_.diag.accounts = {kAccount};
        source_.emplace(capture::ImageFolderSource::open(config_.capture).value());
        registry_.add_service(clock_, true);
        registry_.add({"pipeline", [](std::ostream& out) { out << "pipeline: fine"; }, nullptr});
        view_ = UnitView{&config_,
                         &registry_,
                         &counters_,
                         &*source_,
                         &frames_,
                         &recent_,
                         &outbox_,
                         nullptr,
                         nullptr,
                         &gps_,
                         &clock_,
                         [] {
                             return std::pair<bool, std::string>{true, "PASS all"};
                         },
                         [this] { return unit_metrics(view_); }};
        table_ = unit_commands(view_);
    }

    Reply run(const std::string& line, bool operate = false, bool plates = false) {
        return table_.execute(line, Caller{"alice", "127.0.0.1:5000", plates, operate});
    }

    void see_a_frame() {
        core::Frame frame;
        frame.image = cv::Mat(48, 64, CV_8UC3, cv::Scalar(10, 200, 30));
        frame.index = 7;
        frame.captured.monotonic = std::chrono::steady_clock::now();
        frame.captured.utc = std::chrono::system_clock::now();
        frames_.observe(frame);
    }

    anpr::testing::TempDir dir_;
    config::AppConfig config_;
    uplink::Outbox outbox_;
    timekeeping::ClockMonitor clock_;
    geo::GpsService gps_;
    std::optional<capture::ImageFolderSource> source_;
    core::UnitCounters counters_;
    FrameTap frames_;
    RecentPassages recent_;
    ServiceRegistry registry_;
    UnitView view_;
    CommandTable table_;
};

TEST_F(UnitCommandsTest, StatusListsEveryServiceOrOne) {
    const auto all = run("status");
    ASSERT_TRUE(all.ok) << all.text;
    EXPECT_NE(all.text.find("clock"), std::string::npos);
    EXPECT_NE(all.text.find("pipeline: fine"), std::string::npos);
    EXPECT_EQ(run("status pipeline").text, "pipeline: fine");
    // A service whose status does not name it is named.
    registry_.add({"quiet", [](std::ostream& out) { out << "all good\n"; }, nullptr});
    EXPECT_EQ(run("status quiet").text, "quiet: all good");
    const auto unknown = run("status nothing");
    EXPECT_FALSE(unknown.ok);
    EXPECT_NE(unknown.text.find("services: clock, pipeline"), std::string::npos);
    EXPECT_FALSE(run("status a b").ok);
}

TEST_F(UnitCommandsTest, CameraAndSnapshotUseTheLastFrame) {
    EXPECT_NE(run("camera").text.find("no frame yet"), std::string::npos);
    EXPECT_FALSE(run("snapshot", true).ok);
    see_a_frame();
    const auto camera = run("camera");
    EXPECT_NE(camera.text.find("resolution: 64x48"), std::string::npos) << camera.text;
    const auto refused = run("snapshot");
    EXPECT_FALSE(refused.ok);
    EXPECT_NE(refused.text.find("operate"), std::string::npos);
    const auto snapshot = run("snapshot", true);
    ASSERT_TRUE(snapshot.ok) << snapshot.text;
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(config_.diag.snapshot_dir)) {
        EXPECT_EQ(entry.path().extension(), ".jpg");
        EXPECT_GT(entry.file_size(), 100u);
        ++files;
    }
    EXPECT_EQ(files, 1);
}

TEST_F(UnitCommandsTest, ReadsMaskPlatesWithoutThePlatesRight) {
    EXPECT_NE(run("reads").text.find("no passage"), std::string::npos);
    recent_.add({std::chrono::system_clock::now(), "1-ABC-123", "BE", 0.97f, 9, 31, "1",
                 "approaching", "stored as unit-0000/1"});
    const auto masked = run("reads");
    EXPECT_EQ(masked.text.find("ABC"), std::string::npos) << masked.text;
    EXPECT_NE(masked.text.find("*-***-***"), std::string::npos) << masked.text;
    EXPECT_NE(masked.text.find("plates masked"), std::string::npos);
    EXPECT_NE(run("reads 5", false, true).text.find("1-ABC-123"), std::string::npos);
    for (const auto* bad : {"reads 0", "reads 51", "reads x", "reads 1 2"}) {
        EXPECT_FALSE(run(bad).ok) << bad;
    }
}

TEST_F(UnitCommandsTest, HitlistOutboxGpsAndTimeAnswerWithoutThoseServicesRunning) {
    EXPECT_NE(run("hitlist").text.find("no hit list"), std::string::npos);
    const auto outbox = run("outbox");
    EXPECT_TRUE(outbox.ok);
    EXPECT_NE(outbox.text.find("no uplink.url"), std::string::npos) << outbox.text;
    EXPECT_FALSE(run("outbox flush", true).ok);
    EXPECT_FALSE(run("outbox flush").ok);
    EXPECT_FALSE(run("outbox purge", true).ok);
    EXPECT_NE(run("gps").text.find("no gps service"), std::string::npos);
    EXPECT_NE(run("time").text.find("now "), std::string::npos);
}

TEST_F(UnitCommandsTest, ConfigHidesPasswordHashes) {
    const auto config = run("config");
    ASSERT_TRUE(config.ok);
    EXPECT_NE(config.text.find("alice:<redacted>:plates"), std::string::npos) << config.text;
    EXPECT_EQ(config.text.find("scrypt"), std::string::npos);
    const auto section = run("config unit");
    EXPECT_EQ(section.text.rfind("[unit]", 0), 0u) << section.text;
    EXPECT_EQ(section.text.find("[log]"), std::string::npos);
    EXPECT_FALSE(run("config nosuch").ok);
}

TEST_F(UnitCommandsTest, LogLevelNeedsOperateToChange) {
    const auto before = logging::level();
    EXPECT_TRUE(run("log level").ok);
    EXPECT_FALSE(run("log level debug").ok);
    EXPECT_EQ(logging::level(), before);
    EXPECT_FALSE(run("log level loud", true).ok);
    EXPECT_TRUE(run("log level debug", true).ok);
    EXPECT_EQ(logging::level(), "debug");
    EXPECT_TRUE(run("log level " + before, true).ok);
    EXPECT_FALSE(run("log").ok);
}

TEST_F(UnitCommandsTest, RestartStopsAndStartsOnlyWhatCanBe) {
    clock_.start();
    EXPECT_FALSE(run("restart clock").ok);  // needs operate
    const auto restarted = run("restart clock", true);
    EXPECT_TRUE(restarted.ok) << restarted.text;
    EXPECT_NE(restarted.text.find("restarted clock"), std::string::npos);
    EXPECT_FALSE(run("restart pipeline", true).ok);
    EXPECT_FALSE(run("restart nothing", true).ok);
    EXPECT_FALSE(run("restart", true).ok);
    clock_.stop();
}

TEST_F(UnitCommandsTest, MetricsAndSelftestComeFromTheView) {
    ++counters_.passages;
    const auto metrics = run("metrics");
    EXPECT_NE(metrics.text.find("anpr_passages_total 1"), std::string::npos) << metrics.text;
    EXPECT_NE(metrics.text.find("anpr_outbox_records{lane=\"priority\"} 0"), std::string::npos);
    EXPECT_EQ(run("selftest").text, "PASS all");
    EXPECT_FALSE(run("selftest now").ok);
}

TEST(FrameTapTest, RateAndLatestFrameSurviveFramesComingBackOutOfOrder) {
    FrameTap tap;
    EXPECT_FALSE(tap.latest());
    EXPECT_FALSE(tap.last_beat());
    const auto start = std::chrono::steady_clock::now();
    // 25 frames/s, read on two threads: every pair comes back swapped.
    for (const int index : {1, 0, 3, 2, 5, 4, 7, 6, 9, 8}) {
        core::Frame frame;
        frame.index = static_cast<std::uint64_t>(index);
        frame.captured.monotonic = start + std::chrono::milliseconds(40 * index);
        tap.observe(frame);
    }
    const auto latest = tap.latest();
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->frame.index, 9u);
    EXPECT_NEAR(latest->fps, 25.0, 0.01);
    EXPECT_TRUE(tap.last_beat());
}

}  // namespace
}  // namespace anpr::diag
