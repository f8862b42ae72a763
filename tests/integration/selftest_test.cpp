// `anpr selftest` on a rendered passage (tests/data/section, read by the
// unit in section_rendered_test) and on three copies of it degraded as a
// camera goes wrong: out of focus, under-exposed and over-exposed. The
// self-test must flag focus on the first and exposure on the other two, and
// pass focus and exposure on the original. The degradations are of the
// strength the issue names; the thresholds they meet come from principle and
// from other pictures (diag/selftest.cpp), not from these.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "capture/video_file.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "uplink_rig.hpp"

namespace anpr {
namespace {

using testing::run_program;

const std::filesystem::path kClip = "tests/data/section/a_1.mp4";

/// The clip's frames, each passed through `degrade`, as PNG files in `folder`.
void write_frames(const std::filesystem::path& folder,
                  const std::function<cv::Mat(const cv::Mat&)>& degrade) {
    std::filesystem::create_directories(folder);
    auto video = capture::VideoFile::open(kClip);
    ASSERT_TRUE(video) << video.error().message;
    while (true) {
        auto frame = video.value().next();
        ASSERT_TRUE(frame) << frame.error().message;
        if (!frame.value()) break;
        char name[32];
        std::snprintf(name, sizeof name, "frame_%03llu.png",
                      static_cast<unsigned long long>(frame.value()->index));
        ASSERT_TRUE(cv::imwrite((folder / name).string(), degrade(frame.value()->image)));
    }
}

cv::Mat blurred(const cv::Mat& image) {
    cv::Mat out;
    cv::GaussianBlur(image, out, cv::Size(0, 0), 3.5);  // a lens well out of focus
    return out;
}

cv::Mat scaled(const cv::Mat& image, double gain, double offset) {
    cv::Mat out;
    image.convertTo(out, CV_8U, gain, offset);  // saturates at 0 and 255, as a sensor clips
    return out;
}

struct Report {
    int exit_code = -1;
    std::string out;
    nlohmann::json json;

    const nlohmann::json& check(const std::string& name) const {
        for (const auto& line : json.at("checks")) {
            if (line.at("check") == name) return line;
        }
        throw std::runtime_error("no check '" + name + "' in " + out);
    }
    std::string verdict(const std::string& name) const { return check(name).at("verdict"); }
    std::string text(const std::string& name) const {
        return check(name).at("measured").get<std::string>() + " " +
               check(name).at("advice").get<std::string>();
    }
};

/// `anpr selftest --json` on a folder of frames, with the unit's other files
/// in `dir` and `sections` added to its config.
Report selftest(const testing::TempDir& dir, const std::filesystem::path& frames,
                const std::string& extra = "", const std::string& sections = "") {
    const auto config = dir.write(
        "selftest.toml", "[capture]\nsource = \"" + frames.string() + "\"\n[outbox]\npath = \"" +
                             (dir.path() / "outbox.db").string() + "\"\n" + sections);
    Report report;
    const auto result = run_program(
        "anpr", "--config " + config.string() + " selftest --json --frames 100 " + extra);
    report.exit_code = result.exit_code;
    report.out = result.out;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.front() == '{') report.json = nlohmann::json::parse(line);
    }
    if (report.json.is_null()) throw std::runtime_error("no JSON report in " + result.out);
    return report;
}

class SelftestRenderedTest : public ::testing::Test {
  protected:
    testing::TempDir dir;
};

TEST_F(SelftestRenderedTest, PassesFocusAndExposureOnTheRenderedPassage) {
    write_frames(dir.path() / "good", [](const cv::Mat& image) { return image; });
    const auto report = selftest(dir, dir.path() / "good");
    EXPECT_EQ(report.verdict("camera"), "PASS") << report.out;
    EXPECT_EQ(report.verdict("focus"), "PASS") << report.out;
    EXPECT_EQ(report.verdict("exposure"), "PASS") << report.out;
    EXPECT_EQ(report.verdict("plate height"), "PASS") << report.out;
    EXPECT_EQ(report.verdict("reads"), "PASS") << report.out;
    // The report names every check the issue asks for.
    std::vector<std::string> names;
    for (const auto& line : report.json.at("checks")) names.push_back(line.at("check"));
    EXPECT_EQ(names,
              (std::vector<std::string>{"camera", "focus", "exposure", "plate height", "reads",
                                        "gps", "clock", "disk", "outbox", "uplink", "hit list"}))
        << report.out;
}

TEST_F(SelftestRenderedTest, FlagsFocusOnABlurredCopy) {
    write_frames(dir.path() / "blurred", blurred);
    const auto report = selftest(dir, dir.path() / "blurred");
    EXPECT_NE(report.verdict("focus"), "PASS") << report.out;
    EXPECT_NE(report.text("focus").find("focus the lens"), std::string::npos) << report.out;
}

TEST_F(SelftestRenderedTest, FlagsExposureOnADarkCopy) {
    write_frames(dir.path() / "dark", [](const cv::Mat& image) { return scaled(image, 0.12, 0); });
    const auto report = selftest(dir, dir.path() / "dark");
    EXPECT_NE(report.verdict("exposure"), "PASS") << report.out;
    EXPECT_NE(report.text("exposure").find("under-exposed"), std::string::npos) << report.out;
    EXPECT_EQ(report.text("exposure").find("over-exposed"), std::string::npos) << report.out;
}

TEST_F(SelftestRenderedTest, FlagsExposureOnAnOverExposedCopy) {
    write_frames(dir.path() / "bright", [](const cv::Mat& image) { return scaled(image, 3, 40); });
    const auto report = selftest(dir, dir.path() / "bright");
    EXPECT_NE(report.verdict("exposure"), "PASS") << report.out;
    EXPECT_NE(report.text("exposure").find("over-exposed"), std::string::npos) << report.out;
    EXPECT_EQ(report.text("exposure").find("under-exposed"), std::string::npos) << report.out;
}

TEST_F(SelftestRenderedTest, WritesTheReportAndFailsACameraThatCannotBeOpened) {
    const auto file = dir.path() / "report.json";
    const auto report = selftest(dir, dir.path() / "no-such-folder", "--report " + file.string());
    EXPECT_EQ(report.exit_code, 2) << report.out;
    EXPECT_EQ(report.verdict("camera"), "FAIL") << report.out;
    EXPECT_NE(report.text("camera").find("no-such-folder"), std::string::npos) << report.out;
    EXPECT_EQ(report.json.at("overall"), "FAIL");
    std::ifstream written(file);
    ASSERT_TRUE(written) << "no report at " << file;
    EXPECT_EQ(nlohmann::json::parse(written), report.json);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "outbox.db"))
        << "a diagnosis must not make the outbox";
}

TEST(SelftestCommandTest, PrintsOneLinePerCheckAndTheOverallVerdict) {
    testing::TempDir dir;
    const auto config =
        dir.write("selftest.toml", "[capture]\nsource = \"images\"\n[outbox]\npath = \"" +
                                       (dir.path() / "outbox.db").string() + "\"\n");
    const auto result = run_program("anpr", "--config " + config.string() + " selftest --frames 3");
    EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.out;
    for (const char* check : {"camera", "focus", "exposure", "plate height", "reads", "gps",
                              "clock", "disk", "outbox", "uplink", "hit list"}) {
        EXPECT_NE(result.out.find(std::string(" ") + check + " "), std::string::npos)
            << check << "\n"
            << result.out;
    }
    EXPECT_NE(result.out.find("still images (no frame rate)"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("\noverall: "), std::string::npos) << result.out;
}

TEST(SelftestUplinkTest, ShakesHandsWithTheCentralReceiverAndSaysWhyNot) {
    testing::TempDir dir;
    std::filesystem::create_directories(dir.path() / "good");
    std::filesystem::create_directories(dir.path() / "expired");
    const testing::Receiver receiver(dir.path() / "good");
    const auto good = selftest(dir, "images", "", testing::uplink_section(receiver.url()));
    EXPECT_EQ(good.verdict("uplink"), "PASS") << good.out;
    EXPECT_NE(good.text("uplink").find("handshake"), std::string::npos) << good.out;

    testing::ReceiverOptions expired_certificate;
    expired_certificate.server_cert = "server-expired";
    const testing::Receiver expired(dir.path() / "expired", expired_certificate);
    const auto bad = selftest(dir, "images", "", testing::uplink_section(expired.url()));
    EXPECT_EQ(bad.verdict("uplink"), "FAIL") << bad.out;
    EXPECT_NE(bad.text("uplink").find("expired"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace anpr
