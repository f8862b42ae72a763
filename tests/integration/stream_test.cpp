// `anprd` on a network camera that goes away mid-stream and comes back.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "capture/image_encode.hpp"
#include "capture/video_file.hpp"
#include "mjpeg_server.hpp"
#include "outbox_records.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

namespace anpr {
namespace {

/// The frames of images/passage_be.mp4 (one Belgian car, 2NNX539) as JPEGs.
std::vector<std::vector<std::uint8_t>> sample_passage_jpegs() {
    std::vector<std::vector<std::uint8_t>> jpegs;
    auto video = capture::VideoFile::open("images/passage_be.mp4");
    if (!video) return jpegs;
    while (true) {
        auto frame = video.value().next();
        if (!frame || !frame.value()) break;
        if (auto jpeg = capture::encode_jpeg(frame.value()->image)) jpegs.push_back(jpeg.value());
    }
    return jpegs;
}

/// Runs anprd on `config`; on a stream it never stops by itself: SIGTERM after `seconds`.
testing::CommandResult run_unit_for(int seconds, const std::filesystem::path& config) {
    return testing::run_command("timeout --preserve-status -s TERM " + std::to_string(seconds) +
                                " " + testing::program_path("anprd") + " --config " +
                                config.string());
}

std::string file_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(StreamTest, TheUnitReconnectsAndReportsEveryPassageItSaw) {
    const auto jpegs = sample_passage_jpegs();
    ASSERT_EQ(jpegs.size(), 25u);
    testing::TempDir dir;
    const auto outbox = dir.path() / "outbox.db";
    const auto log = dir.path() / "anprd.log";
    auto camera = std::make_unique<testing::MjpegServer>();
    const auto port = camera->port();
    const auto config = dir.write(
        "unit.toml", "[capture]\nsource = \"http://127.0.0.1:" + std::to_string(port) +
                         "/video.mjpg\"\nreconnect_min_s = 0.2\nreconnect_max_s = 0.4\n"
                         "stream_timeout_s = 2\n"
                         "[outbox]\npath = \"" +
                         outbox.string() + "\"\n[log]\nfile = \"" + log.string() + "\"\n");

    // The camera films the car passing, goes away for 1.5 s (the unit keeps
    // trying), comes back on the same address and films a car again.
    std::thread film([&] {
        camera->serve(jpegs, 25);
        camera.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        testing::MjpegServer back(port);
        back.serve(jpegs, 25);
    });
    const auto result = run_unit_for(9, config);
    film.join();
    EXPECT_EQ(result.exit_code, 0) << result.out;

    const auto passages = testing::outbox_records(config);
    const std::string log_text = file_text(log);
    ASSERT_EQ(passages.size(), 2u) << log_text;
    for (const auto& passage : passages) {
        EXPECT_EQ(passage.at("text"), "2NNX539");
        // The unit reads the newest frame and drops what it has no time for.
        EXPECT_GE(passage.at("frames_read").get<int>(), 5);
    }
    EXPECT_NE(log_text.find("source lost (outage 1): stream 'http://127.0.0.1:"), std::string::npos)
        << log_text;
    EXPECT_NE(log_text.find("back after outage 1"), std::string::npos) << log_text;
    // The camera went away twice: mid-stream, and for good at the end.
    EXPECT_NE(log_text.find("frames dropped (no time to read them), 2 outages"), std::string::npos)
        << log_text;
}

TEST(StreamTest, AnEmptyRoadIsNotRead) {
    // 50 frames of the empty road from images/: nothing moves, nothing to read.
    std::ifstream in("images/empty_road.jpg", std::ios::binary);
    const std::vector<std::uint8_t> jpeg((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
    ASSERT_FALSE(jpeg.empty());
    const std::vector<std::vector<std::uint8_t>> frames(50, jpeg);
    testing::TempDir dir;
    const auto log = dir.path() / "anprd.log";
    testing::MjpegServer camera;
    const auto config =
        dir.write("unit.toml",
                  "[capture]\nsource = \"http://127.0.0.1:" + std::to_string(camera.port()) +
                      "/video.mjpg\"\n[outbox]\npath = \"" + (dir.path() / "outbox.db").string() +
                      "\"\n[log]\nfile = \"" + log.string() + "\"\n");
    std::thread film([&] { camera.serve(frames, 25); });
    const auto result =
        testing::run_command("timeout --preserve-status -s TERM 5 " +
                             testing::program_path("anprd") + " --config " + config.string());
    film.join();
    EXPECT_EQ(result.exit_code, 0) << result.out;
    const std::string log_text = file_text(log);
    const auto at = log_text.find(" frames not read: nothing moved on them");
    ASSERT_NE(at, std::string::npos) << log_text;
    const auto start = log_text.rfind(' ', at - 1) + 1;
    EXPECT_GE(std::stoi(log_text.substr(start, at - start)), 20) << log_text;
}

}  // namespace
}  // namespace anpr
